package io.github.centrasage.centra.internal;

import io.github.centrasage.http.internal.BearerToken;
import io.github.centrasage.http.internal.SendTracker;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Tag;

/** The one endpoint of the Integration API. The body is serialised by the caller so it can be logged at TRACE. */
interface GraphQLService {
  @POST("graphql")
  Call<ResponseBody> execute(@Body RequestBody body, @Tag SendTracker tracker, @Tag BearerToken token);
}
