package io.github.centrasage.sage200.internal;

import io.github.centrasage.http.internal.BearerToken;
import io.github.centrasage.http.internal.SendTracker;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.HeaderMap;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Tag;
import retrofit2.http.Url;

/**
 * The Retrofit surface. URLs are built with {@link HttpUrl.Builder} (path segments and query
 * parameters encoded by OkHttp) so no caller value is ever concatenated into a URL; the typed
 * resources decode bodies themselves because one interface serves every Sage resource.
 */
interface SageService {
  @GET
  Call<ResponseBody> get(@Url HttpUrl url, @HeaderMap Map<String, String> headers, @Tag SendTracker state, @Tag BearerToken token);

  @POST
  Call<ResponseBody> post(
      @Url HttpUrl url, @HeaderMap Map<String, String> headers, @Body RequestBody body, @Tag SendTracker state, @Tag BearerToken token);

  @PUT
  Call<ResponseBody> put(
      @Url HttpUrl url, @HeaderMap Map<String, String> headers, @Body RequestBody body, @Tag SendTracker state, @Tag BearerToken token);
}
