package io.github.centrasage.sage200.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/** The one Immutables style of this module: {@code ImmutableX.builder()}, JDK collections only. */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(jdkOnly = true, redactedMask = "***", defaults = @Value.Immutable(copy = true))
public @interface SageStyle {}
