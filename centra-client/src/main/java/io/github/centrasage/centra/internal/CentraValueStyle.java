package io.github.centrasage.centra.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of this module: accessor names are kept as written (Centra's
 * {@code isOnHold} stays {@code isOnHold}), JDK collections only, public {@code Immutable*} classes.
 * Users build through {@code X.builder()}, which returns the type's own {@code X.Builder} (a
 * subclass of the generated builder, so the generated setters return {@code X.Builder});
 * {@code overshadowImplementation} makes {@code build()} and {@code copyOf} return {@code X}: no
 * generated type in a signature a user sees (build-checks' PublicApiTest).
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    get = {},
    jdkOnly = true,
    overshadowImplementation = true,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    defaults = @Value.Immutable(copy = false),
    // no @org.immutables.value.Generated on generated types: value-annotations is provided, so users' javac
    // would warn about the missing annotation class for every generated type (a non-empty list turns discovery off)
    allowedClasspathAnnotations = {Override.class})
public @interface CentraValueStyle {}
