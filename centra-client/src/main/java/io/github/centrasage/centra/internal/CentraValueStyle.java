package io.github.centrasage.centra.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of this module: accessor names are kept as written (Centra's
 * {@code isOnHold} stays {@code isOnHold}), JDK collections only, public {@code Immutable*} classes.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    get = {},
    jdkOnly = true,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    defaults = @Value.Immutable(copy = false),
    // no @org.immutables.value.Generated on generated types: value-annotations is provided, so users' javac
    // would warn about the missing annotation class for every generated type (a non-empty list turns discovery off)
    allowedClasspathAnnotations = {Override.class})
public @interface CentraValueStyle {}
