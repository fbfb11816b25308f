package io.github.exchangeresilience.okhttp.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A request's parameters as fixed when it is made: compared with the LinkedHashMap copy they replace. */
class ParametersTest {
  private static Map<String, Object> order() {
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("instId", "BTC-USDT-SWAP");
    order.put("clOrdId", "");
    order.put("tag", null);
    order.put("sz", 1);
    return order;
  }

  @Test
  void aCopyReadsAsTheMapItCopiedInItsOrderAndDoesNotFollowIt() {
    Map<String, Object> order = order();
    Parameters copy = Parameters.copyOf(order);
    order.put("sz", 1000);
    order.remove("instId");

    Map<String, Object> expected = order();
    assertThat(copy).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(copy.keySet()).containsExactly("instId", "clOrdId", "tag", "sz");
    assertThat(copy.containsKey("tag")).as("a null value is kept").isTrue();
    assertThat(copy.get("absent")).isNull();
    List<String> walked = new ArrayList<>();
    copy.forEach((name, value) -> walked.add(name + "=" + value));
    assertThat(walked).containsExactly("instId=BTC-USDT-SWAP", "clOrdId=", "tag=null", "sz=1");
    assertThatThrownBy(() -> copy.put("sz", 2)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anAddedParameterTakesTheNamesPlaceWhereTheMapHasItElseComesLast() {
    Map<String, Object> filled = new LinkedHashMap<>(order());
    filled.put("clOrdId", "id1");
    Map<String, Object> appended = new LinkedHashMap<>(order());
    appended.put("px", "100");

    assertThat(Parameters.withAdded(order(), "clOrdId", "id1").entrySet()).containsExactlyElementsOf(
        filled.entrySet());
    assertThat(Parameters.withAdded(order(), "px", "100").entrySet()).containsExactlyElementsOf(
        appended.entrySet());
  }

  @Test
  void aMapWhoseSizeIsBehindItsEntriesIsCopiedAsItsEntriesWalk() {
    Map<String, Object> order = order();
    Map<String, Object> changing = new AbstractMap<>() { // grew after it told its size
      @Override
      public int size() {
        return 1;
      }

      @Override
      public Set<Entry<String, Object>> entrySet() {
        return order.entrySet();
      }
    };

    assertThat(Parameters.copyOf(changing)).isEqualTo(order);
    assertThat(Parameters.withAdded(changing, "px", "100")).hasSize(5).containsEntry("px", "100");
  }
}
