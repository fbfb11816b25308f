package io.github.exchangeresilience.samples.sdk;

import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Properties;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Puts an {@link ExchangeResilienceInterceptor} into Binance's futures connector
 * ({@code io.github.binance:binance-futures-connector-java}), which keeps the one {@link OkHttpClient} all its calls
 * use in a private static field, {@code HttpClientSingleton.httpClient}, and offers no hook to configure it. The
 * installer decorates that client ({@link ExchangeResilienceInterceptor#decorate}: dispatcher, pool, timeouts and
 * proxy kept, the interceptor first, OkHttp's silent connection retry off) and puts it back in the field.
 *
 * <pre>{@code
 * BinanceConnectorInstaller.install(ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM)
 *     .handBackAnswers(true)                     // BinanceClientException keeps getErrorCode()
 *     .listener(lastOutcome)                     // the interceptor's outcome after the connector wrapped it
 *     .build());
 * UMFuturesClientImpl client = new UMFuturesClientImpl(apiKey, secretKey);
 * }</pre>
 *
 * <p>It checks the connector's version (its {@code pom.properties}) and the field before touching anything, and fails
 * with the reason where the hook is not where the tested versions keep it: the connector on the class path, a
 * {@code private static OkHttpClient httpClient} that is not final. A version not among {@link #TESTED_VERSIONS} that
 * still keeps the hook is installed into, with a warning. Reflection, since the connector offers nothing else: with
 * a proxy ({@code ProxyAuth}), install after the connector made its first call, as it replaces a client whose proxy
 * differs from the one it is given; {@link #isInstalled()} tells whether the field still holds the decorated client.
 */
public final class BinanceConnectorInstaller {
  /** The connector versions whose {@code HttpClientSingleton} was read and tested with this installer. */
  public static final Set<String> TESTED_VERSIONS = Set.of("3.0.0", "3.0.1", "3.0.2", "3.0.3", "3.0.4", "3.0.5");

  static final String SINGLETON = "com.binance.connector.futures.client.utils.HttpClientSingleton";
  static final String FIELD = "httpClient";
  private static final String POM_PROPERTIES =
      "/META-INF/maven/io.github.binance/binance-futures-connector-java/pom.properties";
  private static final System.Logger LOG = System.getLogger(BinanceConnectorInstaller.class.getName());

  private BinanceConnectorInstaller() {}

  /**
   * Decorates the connector's client with {@code interceptor} and returns the client now in use; an interceptor an
   * earlier call installed is replaced.
   *
   * @throws IllegalStateException where the connector or its hook is not found as expected; nothing was changed
   */
  public static OkHttpClient install(ExchangeResilienceInterceptor interceptor) {
    Field field = hook();
    synchronized (field.getDeclaringClass()) {
      OkHttpClient current = read(field);
      OkHttpClient decorated = interceptor.decorate(withoutExchangeResilience(current));
      write(field, decorated);
      return decorated;
    }
  }

  /** Takes the interceptor out of the connector's client again. */
  public static void uninstall() {
    Field field = hook();
    synchronized (field.getDeclaringClass()) {
      write(field, withoutExchangeResilience(read(field)));
    }
  }

  /** Whether the connector's client holds an {@link ExchangeResilienceInterceptor}, first. */
  public static boolean isInstalled() {
    Field field = hook();
    OkHttpClient current = read(field);
    return !current.interceptors().isEmpty()
        && current.interceptors().get(0) instanceof ExchangeResilienceInterceptor;
  }

  /** The connector's version as its jar says, or {@code "unknown"}. */
  public static String connectorVersion() {
    try (InputStream in = BinanceConnectorInstaller.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The field, checked: present, static, not final, of type OkHttpClient. */
  private static Field hook() {
    String version = connectorVersion();
    Class<?> singleton;
    try {
      singleton = Class.forName(SINGLETON, true, BinanceConnectorInstaller.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("binance-futures-connector-java is not on the class path (" + SINGLETON
          + " not found)", e);
    }
    Field field;
    try {
      field = singleton.getDeclaredField(FIELD);
    } catch (NoSuchFieldException e) {
      throw notWhereExpected(version, "it has no field " + FIELD);
    }
    int modifiers = field.getModifiers();
    if (!Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers) || field.getType() != OkHttpClient.class) {
      throw notWhereExpected(version, FIELD + " is " + Modifier.toString(modifiers) + " "
          + field.getType().getName() + ", not a static, non-final okhttp3.OkHttpClient");
    }
    field.setAccessible(true);
    if (!TESTED_VERSIONS.contains(version)) {
      LOG.log(System.Logger.Level.WARNING, "binance-futures-connector-java {0} is not among the versions this"
          + " installer was tested with ({1}); its hook is where they keep it, so the interceptor is installed",
          version, TESTED_VERSIONS);
    }
    return field;
  }

  private static IllegalStateException notWhereExpected(String version, String what) {
    return new IllegalStateException("binance-futures-connector-java " + version + ": the interceptor cannot be"
        + " installed, " + SINGLETON + " is not as versions " + TESTED_VERSIONS + " keep it (" + what + "). Build"
        + " the client yourself with ExchangeResilienceInterceptor.decorate(...) if this version takes one, or pin"
        + " a tested version");
  }

  private static OkHttpClient read(Field field) {
    try {
      OkHttpClient current = (OkHttpClient) field.get(null);
      if (current == null) {
        // Not made yet: let the connector make it as it would, then decorate that one.
        current = (OkHttpClient) field.getDeclaringClass().getMethod("getHttpClient").invoke(null);
      }
      return current;
    } catch (IllegalAccessException | NoSuchMethodException e) {
      throw new IllegalStateException("cannot read " + SINGLETON + "." + FIELD, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the connector failed to make its client", e.getCause());
    }
  }

  private static void write(Field field, OkHttpClient client) {
    try {
      field.set(null, client);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot write " + SINGLETON + "." + FIELD, e);
    }
  }

  private static OkHttpClient withoutExchangeResilience(OkHttpClient client) {
    boolean holds = false;
    for (Interceptor interceptor : client.interceptors()) {
      holds |= interceptor instanceof ExchangeResilienceInterceptor;
    }
    if (!holds) {
      return client;
    }
    OkHttpClient.Builder builder = client.newBuilder();
    builder.interceptors().removeIf(ExchangeResilienceInterceptor.class::isInstance);
    return builder.build();
  }
}
