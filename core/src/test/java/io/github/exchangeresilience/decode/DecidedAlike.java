package io.github.exchangeresilience.decode;

import static org.assertj.core.api.Assertions.assertThat;

/** The oracle tests' comparison of two decisions: everything a decoded response tells, compared field by field. */
final class DecidedAlike {
  private DecidedAlike() {}

  static void assertDecidedAlike(DecodedResponse actual, DecodedResponse expected, String what) {
    assertThat(actual.toString()).as(what).isEqualTo(expected.toString());
    assertThat(actual.httpStatus()).as(what).isEqualTo(expected.httpStatus());
    assertThat(actual.code()).as(what).isEqualTo(expected.code());
    assertThat(actual.message()).as(what).isEqualTo(expected.message());
    assertThat(actual.policyClass()).as(what).isEqualTo(expected.policyClass());
    assertThat(actual.decidedBy()).as(what).isEqualTo(expected.decidedBy());
    assertThat(actual.bodyShape()).as(what).isEqualTo(expected.bodyShape());
    assertThat(actual.entry()).as(what).isEqualTo(expected.entry());
    assertThat(actual.unknownCode()).as(what).isEqualTo(expected.unknownCode());
    assertThat(actual.items()).as(what).isEqualTo(expected.items());
    assertThat(actual.hints()).as(what).isEqualTo(expected.hints());
  }
}
