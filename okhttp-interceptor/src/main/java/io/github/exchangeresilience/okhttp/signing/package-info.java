/**
 * The library holds the credentials and signs: {@link io.github.exchangeresilience.okhttp.signing.ExchangeSigning}
 * sets an interceptor's signer (every attempt signed afresh, on the exchange's clock), its request preparer (a client
 * order id for every order placement that lacks one, kept by all its attempts), its reconciler (the order looked up by
 * that id) and its time sync. Credentials come from a
 * {@link io.github.exchangeresilience.okhttp.signing.CredentialsProvider} and are never logged, printed or thrown.
 */
package io.github.exchangeresilience.okhttp.signing;
