package com.magentobridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

class YamlKeyCheckTest {

    private static List<String> problems(String yaml) {
        return YamlKeyCheck.problems(new StringReader(yaml), "application.yaml");
    }

    @Test
    void aFileWithoutDuplicatesHasNoProblems() {
        assertThat(problems("""
                bridge:
                  inventory:
                    batch-size: 5
                  shipment:
                    batch-size: 5
                  mappings:
                    order-statuses:
                      "[pending_payment]": awaiting payment
                      pending: awaiting payment
                """)).isEmpty();
    }

    @Test
    void namesAKeyWrittenTwiceInOneMappingWithItsWholePathAndBothLines() {
        assertThat(problems("""
                bridge:
                  inventory:
                    batch-size: 5
                    poll-delay-ms: 100
                    batch-size: 6
                """)).containsExactly("bridge.inventory.batch-size: duplicate key (application.yaml line 5, first at line 3)");
    }

    @Test
    void namesADuplicateTopLevelTreeOnce() {
        assertThat(problems("""
                bridge:
                  inventory:
                    batch-size: 5
                bridge:
                  inventory:
                    batch-size: 6
                """)).containsExactly("bridge: duplicate key (application.yaml line 4, first at line 1)");
    }

    @Test
    void aDottedKeyAndTheSameKeyNestedAreADuplicate() {
        assertThat(problems("""
                bridge.magento.token: one
                bridge:
                  magento:
                    token: two
                """)).containsExactly("bridge.magento.token: duplicate key (application.yaml line 4, first at line 1)");
    }

    @Test
    void aDottedParentBesideTheNestedOneIsNotADuplicateWhenTheirKeysDiffer() {
        assertThat(problems("""
                bridge.inventory:
                  batch-size: 5
                bridge:
                  inventory:
                    poll-delay-ms: 100
                """)).isEmpty();
    }

    @Test
    void keysInListItemsAreCheckedPerItem() {
        assertThat(problems("""
                items:
                  - name: a
                    size: 1
                  - name: b
                    name: c
                """)).containsExactly("items[1].name: duplicate key (application.yaml line 5, first at line 4)");
    }

    @Test
    void eachDocumentMaySetAKeyAgain() {
        assertThat(problems("""
                bridge:
                  inventory:
                    batch-size: 5
                ---
                spring.config.activate.on-profile: big
                bridge:
                  inventory:
                    batch-size: 500
                """)).isEmpty();
    }

    @Test
    void aFileThatIsNotYamlIsNamedWithTheLine() {
        assertThat(problems("""
                bridge:
                  inventory:
                    batch-size: 5
                   poll: [
                """)).singleElement().asString().startsWith("application.yaml: not valid YAML (line 4, column 4): ");
    }
}
