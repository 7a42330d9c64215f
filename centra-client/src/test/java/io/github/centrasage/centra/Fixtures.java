package io.github.centrasage.centra;

/** Response fragments shaped like the documented Centra responses. */
final class Fixtures {
  private Fixtures() {}

  static String money(String value, String currency) {
    return "{\"value\":" + value + ",\"currency\":{\"code\":\"" + currency + "\"},\"conversionRate\":1,\"formattedValue\":\"x\"}";
  }

  static String order(long number) {
    return """
        {
          "__typename": "DirectToConsumerOrder",
          "id": "1497ccf644db871e1e4026d101bde6f3",
          "number": %d,
          "status": "CONFIRMED",
          "isOnHold": false,
          "isWaitingForPayment": true,
          "isLocked": false,
          "orderDate": "2024-03-01T10:15:30+01:00",
          "createdAt": "2024-03-01T10:15:31+01:00",
          "store": {"id": 1, "name": "Retail", "type": "DIRECT_TO_CONSUMER"},
          "market": {"id": 3, "name": "UK"},
          "pricelist": {"id": 23, "name": "GBP"},
          "grandTotal": {"value": 129.95, "currency": {"code": "GBP"}, "conversionRate": 1.1734},
          "totals": {
            "shipping": %s, "handling": %s,
            "taxAdded": %s, "taxDeducted": %s, "taxIncluded": %s
          },
          "discountsApplied": [{"value": %s, "date": "2024-03-01T10:15:30+01:00",
              "discount": {"name": "Spring", "code": "SPRING10", "type": "VOUCHER"}}],
          "paymentMethod": {"uri": "adyen", "plugin": "adyen-drop-in"},
          "paymentHistory": [{"id": "77", "createdAt": "2024-03-01T10:16:00+01:00", "status": "SUCCESS",
              "entryType": "AUTHORIZATION", "externalReference": "PSP-123", "paymentMethod": "adyen",
              "value": %s, "paramsJSON": "{}"}],
          "billingAddress": {"firstName": "Ada", "lastName": "Lovelace", "address1": "1 Street", "city": "London",
              "zipCode": "N1 1AA", "country": {"code": "GB", "name": "United Kingdom"}, "email": "billing@example.com"},
          "shippingAddress": {"firstName": "Ada", "lastName": "Lovelace", "address1": "2 Road", "city": "Leeds",
              "zipCode": "LS1 1AA", "country": {"code": "GB", "name": "United Kingdom"}},
          "customer": {"id": 501, "email": "ada@example.com", "firstName": "Ada", "lastName": "Lovelace"},
          "lines": [{
            "id": 17635, "quantity": 2, "cancelledQuantity": 1, "taxPercent": 20, "discountPercent": 10,
            "product": {"id": 2, "name": "Tee"}, "productVariant": {"id": 1445, "name": "Black"},
            "productSize": {"id": 9001, "SKU": "TEE-BLK-M", "EAN": "5012345678900", "sizeNumber": "M",
                "description": "Medium", "size": {"id": 3, "name": "M"}},
            "unitPrice": %s, "unitOriginalPrice": %s, "lineValue": %s,
            "someFutureField": {"nested": [1, 2, 3]}
          }]
        }
        """.formatted(number,
        money("4.95", "GBP"), money("0", "GBP"), money("0", "GBP"), money("0", "GBP"), money("21.66", "GBP"),
        money("12.50", "GBP"), money("129.95", "GBP"),
        money("62.50", "GBP"), money("69.444444444444444444", "GBP"), money("125.00", "GBP"));
  }

  static String shipment(long id) {
    return """
        {"id": %d, "number": "39790-1", "isGoodToGo": true, "isPaid": false, "isShipped": true, "isCaptured": true,
         "createdAt": "2024-03-02T09:00:00+00:00", "shippedAt": "2024-03-02T15:18:33+01:00",
         "capturedAt": "2024-03-02T09:01:00+00:00", "trackingNumber": "JD014600003", "returnTrackingNumber": null,
         "carrierInformation": {"carrierName": "DHL", "serviceName": "Express"}, "numberOfPackages": 1,
         "lines": [{"id": 2943, "quantity": 2, "lineValue": %s}]}
        """.formatted(id, Fixtures.money("125.00", "GBP"));
  }

  static String userMessages() {
    return "\"userErrors\": [], \"userWarnings\": []";
  }
}
