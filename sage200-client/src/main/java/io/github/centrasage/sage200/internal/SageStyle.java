package io.github.centrasage.sage200.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/** The one Immutables style of this module: {@code ImmutableX.builder()}, JDK collections only. */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
// allowedClasspathAnnotations: no @org.immutables.value.Generated on generated types; value-annotations is
// provided, so users' javac would warn about the missing annotation class for every generated type
@Value.Style(jdkOnly = true, redactedMask = "***", defaults = @Value.Immutable(copy = true),
    allowedClasspathAnnotations = {Override.class})
public @interface SageStyle {}
