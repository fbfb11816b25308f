package io.github.exchangeresilience.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one pass over a header list compares names as {@link String#equalsIgnoreCase} does, at the edges of its ASCII
 * short cut: the first and last letters, and characters beyond ASCII on either side, which case-fold to ASCII ones
 * (the dotless i to I, the long s to S).
 */
class WantedHeadersTest {
  private static HeaderList list(String... namesAndValues) {
    return new HeaderList() {
      @Override
      public int size() {
        return namesAndValues.length / 2;
      }

      @Override
      public String name(int index) {
        return namesAndValues[2 * index];
      }

      @Override
      public String value(int index) {
        return namesAndValues[2 * index + 1];
      }
    };
  }

  @Test
  void namesMatchIgnoringTheCaseOfEveryLetterFromAToZ() {
    WantedHeaders wanted = new WantedHeaders(List.of("AZ-az", "Za"));

    assertThat(wanted.valuesIn(list("az-AZ", "1", "zA", "2"))).containsExactly("1", "2");
    assertThat(wanted.valuesIn(list("AZ-az", "3", "ZA", "4"))).containsExactly("3", "4");
    assertThat(wanted.valuesIn(list("@Z-az", "5", "[a", "6", "Z`", "7"))).as("the characters next to the letters")
        .isNull();
  }

  @Test
  void theFormsServersSendAreFoundAsAnyOtherCaseIs() {
    WantedHeaders wanted = new WantedHeaders(List.of("X-MBX-USED-WEIGHT-1M", "X-MBX-ORDER-COUNT-1M", "Retry-After"));

    assertThat(wanted.valuesIn(list("x-mbx-order-count-1m", "1", "X-MBX-USED-WEIGHT-1M", "2", "Retry-After", "3")))
        .as("in lower case, as documented").containsExactly("2", "1", "3");
    assertThat(wanted.valuesIn(list("x-Mbx-Used-Weight-1m", "4", "RETRY-after", "5"))).as("in any other case")
        .containsExactly("4", null, "5");
    assertThat(wanted.valuesIn(list("x-mbx-order-count-1d", "6", "X-MBX-USED-WEIGHT-1S", "7", "Retry-Afte_", "8")))
        .as("of the same length, one character off").isNull();
  }

  @Test
  void namesOfSixtyThreeCharactersOrMoreAreComparedWhole() {
    String sixtyThree = "X-" + "a".repeat(61);
    String seventy = "X-" + "a".repeat(68);
    WantedHeaders wanted = new WantedHeaders(List.of(sixtyThree, seventy, "Retry-After"));

    assertThat(wanted.valuesIn(list(seventy.toUpperCase(), "1", sixtyThree, "2"))).containsExactly("2", "1", null);
    assertThat(wanted.valuesIn(list("X-" + "a".repeat(62), "3", "X-" + "a".repeat(69), "4")))
        .as("as long as neither, one character longer than each").isNull();
  }

  @Test
  void charactersBeyondAsciiAreComparedAsEqualsIgnoreCaseComparesThem() {
    WantedHeaders wanted = new WantedHeaders(List.of("s-limit", "\u0131d", "X-Id"));

    assertThat("\u017f-LIMIT".equalsIgnoreCase("s-limit")).isTrue();
    assertThat(wanted.valuesIn(list("\u017f-LIMIT", "1", "ID", "2", "x-\u0131D", "3"))).containsExactly("1", "2", "3");
    assertThat(wanted.valuesIn(list("\u00df-limit", "4", "\u00edd", "5"))).isNull();
  }

  @Test
  void aLastCharacterBeyondAsciiIsComparedAsEqualsIgnoreCaseComparesIt() {
    WantedHeaders wanted = new WantedHeaders(List.of("X-I", "s-\u017f"));

    assertThat("x-\u0131".equalsIgnoreCase("X-I")).isTrue();
    assertThat("S-S".equalsIgnoreCase("s-\u017f")).isTrue();
    assertThat(wanted.valuesIn(list("x-\u0131", "1", "S-S", "2"))).as("received beyond ASCII, and wanted")
        .containsExactly("1", "2");
    assertThat(wanted.valuesIn(list("x-\u00ec", "3", "S-\u00df", "4"))).isNull();
  }

  @Test
  void aLookupThatIsNoListIsAskedNameByName() {
    WantedHeaders wanted = new WantedHeaders(List.of("Retry-After", "X-Bapi-Limit"));

    assertThat(wanted.valuesIn(name -> name.equals("X-Bapi-Limit") ? "10" : null)).containsExactly(null, "10");
    assertThat(wanted.valuesIn(HeaderLookup.NONE)).isNull();
  }
}
