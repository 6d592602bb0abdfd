package dev.filebatch.vision.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EnginePoolTest {
  private final List<Integer> closed = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final EnginePool<Integer> pool = new EnginePool<>(closed::add);

  @Test
  void reusesAReleasedEngine() {
    Integer first = pool.borrow(next::incrementAndGet);
    pool.release(first);

    assertThat(pool.borrow(next::incrementAndGet)).isEqualTo(first);
    assertThat(pool.created()).isEqualTo(1);
  }

  @Test
  void makesANewEngineWhileTheOnlyOneIsInUse() {
    Integer first = pool.borrow(next::incrementAndGet);
    Integer second = pool.borrow(next::incrementAndGet);

    assertThat(second).isNotEqualTo(first);
    assertThat(pool.created()).isEqualTo(2);
  }

  @Test
  void closesIdleEnginesAtCloseAndBusyOnesWhenReturned() {
    Integer idle = pool.borrow(next::incrementAndGet);
    Integer busy = pool.borrow(next::incrementAndGet);
    pool.release(idle);

    pool.close();
    assertThat(closed).containsExactly(idle);
    pool.release(busy);
    assertThat(closed).containsExactly(idle, busy);
    assertThatThrownBy(() -> pool.borrow(next::incrementAndGet)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closesADiscardedEngineInsteadOfReusingIt() {
    Integer broken = pool.borrow(next::incrementAndGet);
    pool.discard(broken);

    assertThat(closed).containsExactly(broken);
    assertThat(pool.borrow(next::incrementAndGet)).isNotEqualTo(broken);
  }
}
