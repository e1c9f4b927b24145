package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.magentobridge.magento.MagentoAuthorizationException;
import com.magentobridge.magento.MagentoRejectedException;
import com.magentobridge.magento.MagentoTransientException;

class DeadlockAnswerTest {

    @ParameterizedTest
    @ValueSource(strings = {"Could not save Source Item", " Could not save Source Item.", "could not save source item"})
    void msisWordsForAFailedSaveOnA400AreADeadlockAnswer(String message) {
        assertThat(DeadlockAnswer.is(new MagentoRejectedException(message, 400))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The Product with the \"GHOST\" SKU doesn't exist.",
            "Source with code \"nowhere\" does not exist.",
            "Validation Failed",
            "Could not save Source Item for SKU X",
            ""})
    void anyOtherRefusalNamesWhatIsWrong(String message) {
        assertThat(DeadlockAnswer.is(new MagentoRejectedException(message, 400))).isFalse();
    }

    @Test
    void onlyA400RefusalCounts() {
        assertThat(DeadlockAnswer.is(new MagentoRejectedException(DeadlockAnswer.MESSAGE, 404))).isFalse();
        assertThat(DeadlockAnswer.is(new MagentoRejectedException(DeadlockAnswer.MESSAGE, 500))).isFalse();
        assertThat(DeadlockAnswer.is(new MagentoTransientException(DeadlockAnswer.MESSAGE, 400, null))).isFalse();
        assertThat(DeadlockAnswer.is(new MagentoAuthorizationException(DeadlockAnswer.MESSAGE, 403))).isFalse();
        assertThat(DeadlockAnswer.is(new MagentoRejectedException(null, 400))).isFalse();
    }
}
