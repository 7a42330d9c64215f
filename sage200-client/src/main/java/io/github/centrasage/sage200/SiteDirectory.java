package io.github.centrasage.sage200;

import io.github.centrasage.sage200.internal.SageRequest;
import io.github.centrasage.sage200.internal.SageTransport;
import io.github.centrasage.sage200.model.Site;
import java.util.List;

/**
 * Lists the Sage 200 sites and companies a token can reach, before a site is chosen: the one call
 * Sage answers without {@code X-Site} and {@code X-Company}. An empty list from a Professional site
 * can mean its on-premises API setup was lost.
 *
 * <p>Usage: {@code Sage200Client.builder().baseUrl(PROFESSIONAL).tokenProvider(t).buildSiteDirectory().sites()}
 */
public final class SiteDirectory {
  private final SageTransport transport;

  SiteDirectory(SageTransport transport) {
    this.transport = transport;
  }

  /** {@code GET /sites}. */
  public List<Site> sites() {
    return transport.execute(SageRequest.unscopedGet(List.of("sites")), SageTransport.listOf(Site.class));
  }
}
