package io.voicepartner.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a read with {@code X-Min-Revision} asks the read model while it waits, in the order it asks. */
class ViewOnceWokenTest {

    /** The read model of one aggregate as a caller sees it, recording each question. */
    private static final class ReadModel {
        final List<String> asked = new ArrayList<>();
        long revision;
        boolean visibleToCaller = true;

        long revision() {
            asked.add("revision");
            return revision;
        }

        Optional<Long> view() {
            asked.add("view");
            return visibleToCaller && revision > 0 ? Optional.of(revision) : Optional.empty();
        }

        ViewOnceWoken<Long> questions() {
            return new ViewOnceWoken<>(this::revision, this::view, shown -> shown);
        }
    }

    @Test
    void beforeTheFirstWaitItAsksTheRevisionAndAfterAWakeUpTheViewThatIsAlsoTheRead() {
        ReadModel model = new ReadModel();
        model.revision = 1;
        ViewOnceWoken<Long> questions = model.questions();

        assertThat(questions.getAsLong()).isEqualTo(1);
        model.revision = 2;
        assertThat(questions.getAsLong()).isEqualTo(2);
        assertThat(questions.latest()).contains(2L);

        assertThat(model.asked).containsExactly("revision", "view");
    }

    @Test
    void reachedBeforeAnyWaitTheViewIsReadOnce() {
        ReadModel model = new ReadModel();
        model.revision = 3;
        ViewOnceWoken<Long> questions = model.questions();

        assertThat(questions.getAsLong()).isEqualTo(3);
        assertThat(questions.latest()).contains(3L);

        assertThat(model.asked).containsExactly("revision", "view");
    }

    @Test
    void anAggregateTheCallerCannotSeeIsAnsweredByItsRevisionForTheCaller() {
        ReadModel model = new ReadModel();
        model.revision = 5;
        model.visibleToCaller = false;
        ViewOnceWoken<Long> questions = model.questions();

        questions.getAsLong();
        // deleted, or another organization's (whose revision is 0 for this caller): the revision has the last word
        assertThat(questions.getAsLong()).isEqualTo(5);
        assertThat(questions.latest()).isEmpty();

        assertThat(model.asked).containsExactly("revision", "view", "revision", "view");
    }
}
