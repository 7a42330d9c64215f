package io.github.centrasage.sync.integration.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * {@link io.github.centrasage.sync.spi.internal.SyncStyle} for the mappings, whose builders are written by hand in every integration: one
 * entry is added with a singular name ({@code putCurrency("GBP", "1")}, {@code addTaxCode(..)}), a
 * whole map or list with {@code putAll*} / {@code addAll*}.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    typeImmutable = "Immutable*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    // build() and copyOf return the abstract type, so no generated type shows in a public signature
    overshadowImplementation = true,
    builderVisibility = Value.Style.BuilderVisibility.PUBLIC,
    defaults = @Value.Immutable(copy = true),
    redactedMask = "****",
    // no @org.immutables.value.Generated on generated types: value-annotations is provided, so users' javac
    // would warn about the missing annotation class for every generated type (a non-empty list turns discovery off)
    allowedClasspathAnnotations = {Override.class},
    depluralize = true,
    depluralizeDictionary = {"currency:currencies", "taxCode:taxCodes", "paymentAccount:paymentAccounts",
        "warehouse:warehouses", "customerStrategy:customerStrategies", "requiredFieldDefault:requiredFieldDefaults",
        "warehouseSafetyBuffer:warehouseSafetyBuffers", "skuSafetyBuffer:skuSafetyBuffers", "nominal:nominals",
        "recordType:recordTypes", "accountTag:accountTags", "basis:bases"})
public @interface MappingsStyle {}
