/**
 * Spring Boot auto-configuration for the sync engine: {@link
 * io.github.centrasage.spring.CentraSage200Properties} (what {@code application.yml} may say),
 * {@link io.github.centrasage.spring.SyncEngineLifecycle}, {@link
 * io.github.centrasage.spring.SageRefreshTokenStore} and the health indicator. See
 * docs/spring-boot.md.
 */
package io.github.centrasage.spring;
