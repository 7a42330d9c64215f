package io.github.centrasage.sync.spi.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of this module: generated types are named {@code Immutable*}, stay
 * public so users can call their builders, and are built through {@code Type.builder()}.
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
    allowedClasspathAnnotations = {Override.class})
public @interface SyncStyle {}
