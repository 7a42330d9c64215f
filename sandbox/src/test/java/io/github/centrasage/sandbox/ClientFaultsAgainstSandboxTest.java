package io.github.centrasage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraConnectionException;
import io.github.centrasage.centra.CentraRateLimitException;
import io.github.centrasage.centra.CentraResponseException;
import io.github.centrasage.centra.CentraServerException;
import io.github.centrasage.centra.SetStockRequest;
import io.github.centrasage.centra.SizeStockLevel;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.Sage200ConnectionException;
import io.github.centrasage.sage200.Sage200DeserializationException;
import io.github.centrasage.sage200.Sage200RateLimitException;
import io.github.centrasage.sage200.Sage200RecordLockedException;
import io.github.centrasage.sage200.Sage200ServerException;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesOrderChange;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every sandbox fault kind observed through the real clients: the exception type and its flags,
 * how many requests the sandbox saw (so retries are counted, not guessed), the delays the clients'
 * sleepers were asked for, and whether a write reached the sandbox state despite the failure.
 */
class ClientFaultsAgainstSandboxTest {
  /** Short enough to keep the suite fast, long enough for an unloaded sandbox call on a busy machine. */
  static final Duration READ_TIMEOUT = Duration.ofMillis(700);
  static final Duration BEYOND_READ_TIMEOUT = Duration.ofMillis(2_000);
  static final String SAGE_SKU = "P00001-BLK-M";
  static final AtomicInteger KEYS = new AtomicInteger(500_000);

  static Sage200Sandbox sage;
  static CentraSandbox centra;
  static final List<Duration> sageSleeps = new CopyOnWriteArrayList<>();
  static final List<Duration> centraSleeps = new CopyOnWriteArrayList<>();
  /** Ordinary read timeout: every call except the ones a latency fault is meant to time out. */
  static Sage200Client sageClient;
  static CentraClient centraClient;
  /** {@link #READ_TIMEOUT}: only for the calls a latency or timeout-after-commit fault strikes. */
  static Sage200Client sageImpatient;
  static CentraClient centraImpatient;

  @BeforeAll
  static void start() {
    sage = Sage200Sandbox.start();
    centra = CentraSandbox.start();
    sageClient = Sage200ClientAgainstSandboxTest.clientFor(sage).sleeper(sageSleeps::add).build();
    centraClient = CentraClientAgainstSandboxTest.clientFor(centra).sleeper(centraSleeps::add).build();
    sageImpatient = Sage200ClientAgainstSandboxTest.clientFor(sage).readTimeout(READ_TIMEOUT).sleeper(sageSleeps::add).build();
    centraImpatient = CentraClientAgainstSandboxTest.clientFor(centra).readTimeout(READ_TIMEOUT).sleeper(centraSleeps::add).build();
  }

  @AfterAll
  static void stop() {
    sage.close();
    centra.close();
  }

  @BeforeEach
  void clean() {
    sage.faults().clear();
    centra.faults().clear();
    sage.resetRequestCounts();
    centra.resetRequestCounts();
    sageSleeps.clear();
    centraSleeps.clear();
  }

  static String freshKey() {
    return Integer.toString(KEYS.incrementAndGet());
  }

  static SalesOrder createSageOrder(String customerDocumentNo) {
    return createSageOrder(sageClient, customerDocumentNo);
  }

  static SalesOrder createSageOrder(Sage200Client client, String customerDocumentNo) {
    return Sage200ClientAgainstSandboxTest.createOrder(client, sage, customerDocumentNo, 1);
  }

  static Sage200Client sageClientWithoutRetries() {
    return Sage200ClientAgainstSandboxTest.clientFor(sage).readTimeout(READ_TIMEOUT).retrySettings(RetrySettings.none()).build();
  }

  static SetStockRequest setStock(int quantity) {
    SandboxCatalog.Item item = CentraClientAgainstSandboxTest.item(3);
    return SetStockRequest.builder().warehouseId(centra.ids("warehouse").get("Leeds DC"))
        .addLevels(SizeStockLevel.ofSizeName(centra.ids("variant").get(item.sku()), item.sizeName(), quantity)).build();
  }

  static BigDecimal centraPhysical() {
    return centra.stock(CentraClientAgainstSandboxTest.item(3).sku(), "Leeds DC").physical();
  }

  /** Requests one clean {@code pricelists()} call makes (the client pages until a short page). */
  static long cleanPricelistRequests() {
    centra.resetRequestCounts();
    centraClient.catalog().pricelists();
    long n = centra.requestCount("pricelists");
    centra.resetRequestCounts();
    return n;
  }

  // ---- latency

  @Test
  void sageLatencyBeyondTheReadTimeoutIsAConnectionFailureThatMayHaveReachedTheServer() {
    sage.faults().inject(Fault.latency(BEYOND_READ_TIMEOUT), FaultScope.nextCalls(1).on("GET /warehouses"));

    Sage200ConnectionException e = catchThrowableOfType(
        () -> sageClientWithoutRetries().warehouses().list(ODataQuery.all()), Sage200ConnectionException.class);

    assertThat(e.mayHaveReachedServer()).isTrue();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.requiresLookupBeforeRetry()).isFalse(); // a read
  }

  @Test
  void sageReadIsRetriedPastOneSlowAnswer() {
    sage.faults().inject(Fault.latency(BEYOND_READ_TIMEOUT), FaultScope.nextCalls(1).on("GET /warehouses"));

    assertThat(sageImpatient.warehouses().list(ODataQuery.all())).hasSize(2);
    assertThat(sage.requestCount("GET /warehouses")).isEqualTo(2);
  }

  @Test
  void centraLatencyBeyondTheReadTimeoutIsAConnectionFailureThatMayHaveReachedTheServer() {
    centra.faults().inject(Fault.latency(BEYOND_READ_TIMEOUT), FaultScope.always().on("pricelists"));
    CentraClient noRetries = CentraClientAgainstSandboxTest.clientFor(centra).readTimeout(READ_TIMEOUT)
        .retrySettings(RetrySettings.none()).build();

    CentraConnectionException e = catchThrowableOfType(() -> noRetries.catalog().pricelists(), CentraConnectionException.class);

    assertThat(e.mayHaveReachedServer()).isTrue();
    assertThat(e.requiresLookupBeforeRetry()).isFalse();
  }

  // ---- connection reset before the request is applied

  @Test
  void sageReadIsRetriedAfterAConnectionReset() {
    sage.faults().inject(Fault.connectionReset(), FaultScope.nextCalls(2).on("GET /warehouses"));

    assertThat(sageClient.warehouses().list(ODataQuery.all())).hasSize(2);
    assertThat(sage.requestCount("GET /warehouses")).isEqualTo(3);
  }

  @Test
  void sageWriteResetBeforeItIsAppliedIsNotRetriedAndNothingWasCreated() {
    String key = freshKey();
    sage.faults().inject(Fault.connectionReset(), FaultScope.nextCalls(1).on("POST /sop_orders"));

    Sage200ConnectionException e = catchThrowableOfType(() -> createSageOrder(key), Sage200ConnectionException.class);

    // The request bytes went out, so the client cannot know the write was not applied: look up first.
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(sage.requestCount("POST /sop_orders")).isEqualTo(1);
    // ...and the lookup finds nothing, so creating again is safe.
    assertThat(sageClient.salesOrders().findByCustomerDocumentNo(key)).isEmpty();
    assertThat(sage.salesOrdersWithCustomerDocumentNo(key)).isEmpty();
  }

  @Test
  void sageWriteThatNeverLeftTheClientNeedsNoLookup() {
    Sage200Sandbox stopped = Sage200Sandbox.start();
    Sage200Client toStopped = Sage200ClientAgainstSandboxTest.clientFor(stopped).retrySettings(RetrySettings.none()).build();
    long customer = stopped.ids("customer").get("WEBGBP");
    stopped.close(); // connection refused: the request is never written

    Sage200ConnectionException e = catchThrowableOfType(() -> toStopped.salesOrders().create(
        io.github.centrasage.sage200.model.NewSalesOrder.builder().customerId(customer).customerDocumentNo("X").build()),
        Sage200ConnectionException.class);

    assertThat(e.mayHaveReachedServer()).isFalse();
    assertThat(e.requiresLookupBeforeRetry()).isFalse();
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void centraReadIsRetriedAfterAConnectionReset() {
    long clean = cleanPricelistRequests();
    centra.faults().inject(Fault.connectionReset(), FaultScope.nextCalls(1).on("pricelists"));

    assertThat(centraClient.catalog().pricelists()).hasSize(2);
    assertThat(centra.requestCount("pricelists")).isEqualTo(clean + 1);
  }

  @Test
  void centraMutationResetBeforeItIsAppliedAsksForALookupThatFindsNothingChanged() {
    centraClient.stock().set(setStock(40));
    centra.faults().inject(Fault.connectionReset(), FaultScope.nextCalls(1).on("setStock"));

    CentraConnectionException e = catchThrowableOfType(() -> centraClient.stock().set(setStock(41)),
        CentraConnectionException.class);

    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(centra.requestCount("setStock")).isEqualTo(2); // the clean call and the struck one, not re-sent
    assertThat(centraPhysical()).isEqualByComparingTo("40");
  }

  @Test
  void centraMutationThatNeverLeftTheClientNeedsNoLookup() {
    CentraSandbox stopped = CentraSandbox.start();
    CentraClient toStopped = CentraClientAgainstSandboxTest.clientFor(stopped).retrySettings(RetrySettings.none()).build();
    stopped.close();

    CentraConnectionException e = catchThrowableOfType(() -> toStopped.stock().set(setStock(1)),
        CentraConnectionException.class);

    assertThat(e.mayHaveReachedServer()).isFalse();
    assertThat(e.requiresLookupBeforeRetry()).isFalse();
    assertThat(e.isRetryable()).isTrue();
  }

  // ---- the write is applied, the answer is lost

  @Test
  void sageTimeoutAfterCommitOnAPostRequiresALookupAndTheOrderExists() {
    String key = freshKey();
    sage.faults().inject(Fault.timeoutAfterCommit(BEYOND_READ_TIMEOUT), FaultScope.nextCalls(1).on("POST /sop_orders"));

    Sage200ConnectionException e = catchThrowableOfType(() -> createSageOrder(sageImpatient, key),
        Sage200ConnectionException.class);

    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(e.mayHaveReachedServer()).isTrue();
    assertThat(sage.requestCount("POST /sop_orders")).isEqualTo(1); // not blindly re-sent
    assertThat(sage.salesOrdersWithCustomerDocumentNo(key)).hasSize(1);
    assertThat(sageClient.salesOrders().findByCustomerDocumentNo(key)).hasSize(1);
  }

  @Test
  void sageResetAfterCommitOnAPostRequiresALookupAndTheOrderExists() {
    String key = freshKey();
    sage.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(1).on("POST /sop_orders"));

    Sage200ConnectionException e = catchThrowableOfType(() -> createSageOrder(key), Sage200ConnectionException.class);

    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(sage.requestCount("POST /sop_orders")).isEqualTo(1);
    assertThat(sage.salesOrdersWithCustomerDocumentNo(key)).hasSize(1);
  }

  @Test
  void centraTimeoutAfterCommitOnAMutationRequiresALookupAndTheStockWasSet() {
    centra.faults().inject(Fault.timeoutAfterCommit(BEYOND_READ_TIMEOUT), FaultScope.nextCalls(1).on("setStock"));

    CentraConnectionException e = catchThrowableOfType(() -> centraImpatient.stock().set(setStock(17)),
        CentraConnectionException.class);

    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(e.isWrite()).isTrue();
    assertThat(centra.requestCount("setStock")).isEqualTo(1);
    assertThat(centraPhysical()).isEqualByComparingTo("17");
  }

  @Test
  void centraResetAfterCommitOnAMutationRequiresALookupAndTheStockWasSet() {
    centra.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(1).on("setStock"));

    CentraConnectionException e = catchThrowableOfType(() -> centraClient.stock().set(setStock(23)), CentraConnectionException.class);

    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(centra.requestCount("setStock")).isEqualTo(1);
    assertThat(centraPhysical()).isEqualByComparingTo("23");
  }

  // ---- server errors

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 504})
  void sageServerErrorsAreRetriedOnReads(int status) {
    sage.faults().inject(Fault.httpStatus(status), FaultScope.nextCalls(2).on("GET /warehouses"));

    assertThat(sageClient.warehouses().list(ODataQuery.all())).hasSize(2);
    assertThat(sage.requestCount("GET /warehouses")).isEqualTo(3);
    assertThat(sageSleeps).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 504})
  void sageServerErrorsSurfaceAsServerExceptionsOnceRetriesAreSpent(int status) {
    sage.faults().inject(Fault.httpStatus(status), FaultScope.always().on("GET /warehouses"));

    Sage200ServerException e = catchThrowableOfType(() -> sageClient.warehouses().list(ODataQuery.all()),
        Sage200ServerException.class);

    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.isGatewayTimeout()).isEqualTo(status == 504);
    assertThat(sage.requestCount("GET /warehouses")).isEqualTo(RetrySettings.defaults().maxAttempts());
  }

  @Test
  void sageServerErrorOnAPostIsNotRetried() {
    String key = freshKey();
    sage.faults().inject(Fault.httpStatus(502), FaultScope.nextCalls(1).on("POST /sop_orders"));

    Sage200ServerException e = catchThrowableOfType(() -> createSageOrder(key), Sage200ServerException.class);

    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(sage.requestCount("POST /sop_orders")).isEqualTo(1);
    assertThat(sage.salesOrdersWithCustomerDocumentNo(key)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 504})
  void centraServerErrorsAreRetriedOnReadsAndSurfaceOnMutations(int status) {
    long clean = cleanPricelistRequests();
    centra.faults().inject(Fault.httpStatus(status), FaultScope.nextCalls(2).on("pricelists"));
    assertThat(centraClient.catalog().pricelists()).hasSize(2);
    assertThat(centra.requestCount("pricelists")).isEqualTo(clean + 2);
    assertThat(centraSleeps).hasSize(2);

    centra.faults().inject(Fault.httpStatus(status), FaultScope.nextCalls(1).on("setStock"));
    CentraServerException e = catchThrowableOfType(() -> centraClient.stock().set(setStock(5)), CentraServerException.class);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(centra.requestCount("setStock")).isEqualTo(1);
  }

  // ---- rate limiting

  @Test
  void sageHonoursRetryAfterWithoutWaitingInTheTest() {
    sage.faults().inject(Fault.rateLimited(Duration.ofSeconds(7)), FaultScope.nextCalls(1).on("GET /warehouses"));

    assertThat(sageClient.warehouses().list(ODataQuery.all())).hasSize(2);

    assertThat(sageSleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(sage.requestCount("GET /warehouses")).isEqualTo(2);
  }

  @Test
  void sageSurfacesARetryAfterLongerThanItWillWait() {
    sage.faults().inject(Fault.rateLimited(Duration.ofMinutes(10)), FaultScope.nextCalls(1).on("GET /warehouses"));

    Sage200RateLimitException e = catchThrowableOfType(() -> sageClient.warehouses().list(ODataQuery.all()),
        Sage200RateLimitException.class);

    assertThat(e.retryAfter()).hasValue(Duration.ofMinutes(10));
    assertThat(sageSleeps).isEmpty();
    assertThat(sage.requestCount("GET /warehouses")).isEqualTo(1);
  }

  @Test
  void centraHonoursRetryAfterWithoutWaitingInTheTest() {
    centra.faults().inject(Fault.rateLimited(Duration.ofSeconds(3)), FaultScope.nextCalls(1).on("setStock"));

    centraClient.stock().set(setStock(9));

    assertThat(centraSleeps).contains(Duration.ofSeconds(3));
    assertThat(centra.requestCount("setStock")).isEqualTo(2);
    assertThat(centraPhysical()).isEqualByComparingTo("9");
  }

  @Test
  void sageHonoursRetryAfterGivenAsAnHttpDate() {
    // The client reads the date against its own clock: give it the sandbox's, so the wait is exact.
    Sage200Client onSandboxTime = Sage200ClientAgainstSandboxTest.clientFor(sage).clock(sage.clock())
        .sleeper(sageSleeps::add).build();
    sage.faults().inject(Fault.rateLimitedUntilDate(Duration.ofSeconds(30)), FaultScope.nextCalls(1).on("GET /warehouses"));

    assertThat(onSandboxTime.warehouses().list(ODataQuery.all())).hasSize(2);

    assertThat(sageSleeps).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void centraSurfacesARetryAfterLongerThanItWillWait() {
    centra.faults().inject(Fault.rateLimited(Duration.ofMinutes(10)), FaultScope.nextCalls(1).on("pricelists"));

    CentraRateLimitException e = catchThrowableOfType(() -> centraClient.catalog().pricelists(), CentraRateLimitException.class);

    assertThat(e.retryAfter()).hasValue(Duration.ofMinutes(10));
    assertThat(e.isClientSide()).isFalse();
    assertThat(centra.requestCount("pricelists")).isEqualTo(1); // the first page, not retried
  }

  // ---- spoiled bodies

  @Test
  void sageMalformedAndTruncatedBodiesAreDeserializationFailures() {
    sage.faults().inject(Fault.malformedBody(), FaultScope.nextCalls(1).on("GET /warehouses"));
    Sage200DeserializationException malformed = catchThrowableOfType(
        () -> sageClient.warehouses().list(ODataQuery.all()), Sage200DeserializationException.class);
    assertThat(malformed.isRetryable()).isFalse();
    assertThat(malformed.requiresLookupBeforeRetry()).isFalse(); // a read

    sage.faults().inject(Fault.truncatedBody(), FaultScope.nextCalls(1).on("GET /warehouses"));
    catchThrowableOfType(() -> sageClient.warehouses().list(ODataQuery.all()), Sage200DeserializationException.class);

    assertThat(sage.requestCount("GET /warehouses")).isEqualTo(2); // neither was retried
  }

  @Test
  void sageWriteWithASpoiledAnswerWasAppliedAndRequiresALookup() {
    String key = freshKey();
    sage.faults().inject(Fault.truncatedBody(), FaultScope.nextCalls(1).on("POST /sop_orders"));

    Sage200DeserializationException e = catchThrowableOfType(() -> createSageOrder(key),
        Sage200DeserializationException.class);

    // 2xx means Sage created the order; only the answer is lost. Found by lookup, never created twice.
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(e.isRetryable()).isFalse();
    assertThat(sage.requestCount("POST /sop_orders")).isEqualTo(1);
    assertThat(sageClient.salesOrders().findByCustomerDocumentNo(key)).hasSize(1);
  }

  @Test
  void centraMalformedAndTruncatedBodiesAreResponseFailures() {
    centra.faults().inject(Fault.malformedBody(), FaultScope.nextCalls(1).on("pricelists"));
    CentraResponseException malformed = catchThrowableOfType(() -> centraClient.catalog().pricelists(),
        CentraResponseException.class);
    assertThat(malformed.isWrite()).isFalse();

    centra.faults().inject(Fault.truncatedBody(), FaultScope.nextCalls(1).on("setStock"));
    CentraResponseException truncated = catchThrowableOfType(() -> centraClient.stock().set(setStock(31)),
        CentraResponseException.class);
    // The mutation was applied before the body was spoiled: a lookup, not a blind retry.
    assertThat(truncated.requiresLookupBeforeRetry()).isTrue();
    assertThat(centraPhysical()).isEqualByComparingTo("31");
  }

  // ---- record lock

  @Test
  void sageRecordLockForSomeAttemptsIsNotRetriedByTheClientAndClearsAfterThem() {
    SalesOrder order = createSageOrder(freshKey());
    sage.lockOrder(order.documentNo().orElseThrow(), 1);
    SalesOrderChange change = SalesOrderChange.builder().spareText1("second try").build();

    // The client leaves lock waits to the caller (the sync engine has a lock schedule).
    catchThrowableOfType(() -> sageClient.salesOrders().update(order.id(), change), Sage200RecordLockedException.class);

    assertThat(sageClient.salesOrders().update(order.id(), change).spareText1()).hasValue("second try");
  }

  @Test
  void sageRecordLockIsRecognisedAndTheUpdateSucceedsAfterRelease() {
    SalesOrder order = createSageOrder(freshKey());
    String documentNo = order.documentNo().orElseThrow();
    sage.lockOrder(documentNo);
    SalesOrderChange change = SalesOrderChange.builder().spareText1("after lock").build();

    Sage200RecordLockedException e = catchThrowableOfType(() -> sageClient.salesOrders().update(order.id(), change),
        Sage200RecordLockedException.class);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.requiresLookupBeforeRetry()).isFalse();
    assertThat(sage.salesOrders()).filteredOn(o -> o.id() == order.id()).singleElement()
        .satisfies(o -> assertThat(o.dateTimeUpdated()).isEqualTo(o.dateTimeCreated()));

    sage.releaseOrder(documentNo);

    assertThat(sageClient.salesOrders().update(order.id(), change).spareText1()).hasValue("after lock");
  }
}
