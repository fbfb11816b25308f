package io.github.exchangeresilience.okhttp.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.reconcile.OrderLookupReconciler;
import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** Every public toString() and exception message of the signing, reconcile and time packages, with real-looking secrets. */
class SecretsNeverShownTest {
  private static final String KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
  private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
  private static final String PASSPHRASE = "Tr0ub4dor&3-correct-horse";

  @Test
  void noSecretAppearsInAnyToStringOrMessage() {
    List<String> shown = new ArrayList<>();
    Credentials credentials = Credentials.of(KEY, SECRET, PASSPHRASE);
    Credentials fromChars = Credentials.of(KEY.toCharArray(), SECRET.toCharArray(), null);
    CredentialsProvider provider = CredentialsProvider.of(credentials);
    shown.add(credentials.toString());
    shown.add(fromChars.toString());
    shown.add(provider.toString());
    shown.add(String.valueOf(credentials.hashCode()));
    Map<String, String> env = Map.of("OKX_API_KEY", KEY, "OKX_API_SECRET", SECRET, "OKX_API_PASSPHRASE", PASSPHRASE);
    CredentialsProvider environment = new EnvironmentCredentials("OKX", env::get);
    shown.add(environment.toString());
    shown.add(CredentialsProvider.environment("OKX").toString());
    for (Exchange exchange : Exchange.values()) {
      ExchangeSigning.Builder builder = ExchangeSigning.builder(exchange, provider).demoTrading(true);
      if (exchange == Exchange.OKX) {
        builder.orderExpiry(Duration.ofSeconds(5));
      }
      ExchangeSigning signing = builder.build();
      ExchangeResilienceInterceptor interceptor =
          signing.configure(ExchangeResilienceInterceptor.builder(exchange)).build();
      shown.add(signing.toString());
      shown.add(interceptor.toString());
      shown.add(signing.serverTime().toString());
      shown.add(signing.serverTime().clock().toString());
      ExchangeSigner signer = ExchangeSigner.of(exchange.spec(), provider, signing.serverTime(),
          Signers.DEFAULTS);
      shown.add(signer.toString());
      shown.add(new ClientOrderIdPreparer(exchange.spec(), ClientOrderIds.create()).toString());
      shown.add(OrderLookupReconciler.builder(exchange).build().toString());
      shown.add(ServerTimeSync.forExchange(exchange).toString());
    }
    shown.add(ClientOrderIds.withPrefix("bot").toString());

    // Failures: blank values, missing variables, a missing passphrase.
    shown.add(catchThrowable(() -> Credentials.of(KEY, " ")).toString());
    shown.add(catchThrowable(() -> new EnvironmentCredentials("OKX",
        Map.of("OKX_API_KEY", KEY)::get).credentials()).toString());
    shown.add(catchThrowable(() -> new EnvironmentCredentials("OKX",
        Map.of("OKX_API_SECRET", SECRET)::get).credentials()).toString());
    shown.add(catchThrowable(() -> Signers.at(Exchange.BITGET, 1L, Credentials.of(KEY, SECRET))
        .sign(Signers.view(new Request.Builder().url("https://api.bitget.com/api/v2/mix/account/accounts").build()))).toString());

    String all = String.join("\n", shown);
    assertThat(all).doesNotContain(KEY, SECRET, PASSPHRASE)
        .doesNotContain(KEY.substring(0, 12), SECRET.substring(0, 12), PASSPHRASE.substring(0, 8));
    assertThat(all).contains("OKX_API_KEY is not set", "OKX_API_SECRET is not set", "bitget needs the API key's passphrase");
  }

  @Test
  void environmentCredentialsAreReadOnEveryCall() throws Exception {
    java.util.HashMap<String, String> env = new java.util.HashMap<>(Map.of("B_API_KEY", "k1", "B_API_SECRET", "s1"));
    EnvironmentCredentials provider = new EnvironmentCredentials("B", env::get);
    assertThat(provider.credentials().apiKey()).isEqualTo("k1");
    assertThat(provider.credentials().hasPassphrase()).isFalse();
    env.put("B_API_KEY", "k2");
    env.put("B_API_PASSPHRASE", "p");
    assertThat(provider.credentials().apiKey()).isEqualTo("k2");
    assertThat(provider.credentials().passphrase()).isEqualTo("p");
  }
}
