package com.magentobridge.backoffice.orderflow;

import com.magentobridge.backoffice.BackOfficeHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.magentobridge.backoffice.BackOfficeRejectedException;
import com.magentobridge.backoffice.ExportOutcome;
import com.magentobridge.backoffice.ExportOutcome.Result;

class OrderFlowImportReportTest {

    private static final String ANSWER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <importReport messageId="m-42">
              <importSuccesses>
                <import externalReference="000000001" type="order" operation="insert" entity="Order" item="17"
                        queryTime="2017-03-23T01:43:29"/>
              </importSuccesses>
              <importDuplicates>
                <import externalReference="000000002" type="order" operation="insert">
                  <duplicateMessage>Order 000000002 already exists</duplicateMessage>
                  <duplicateDetail>imported 2017-03-22</duplicateDetail>
                </import>
              </importDuplicates>
              <importFailures>
                <import externalReference="000000003" type="order" operation="insert">
                  <failureMessage>Unknown product</failureMessage>
                  <failureDetail>SKU MUG-9 does not exist</failureDetail>
                </import>
                <import externalReference="000000004" failureMessage="as an attribute"/>
              </importFailures>
            </importReport>
            """;

    @Test
    void readsTheThreeListsWithEveryAttributeAsAField() {
        OrderFlowImportReport report = OrderFlowImportReport.parse(ANSWER);

        assertThat(report.messageId()).isEqualTo("m-42");
        assertThat(report.outcomes()).containsExactly(
                Map.entry("000000001", new ExportOutcome(Result.Success, null)),
                Map.entry("000000003", new ExportOutcome(Result.Failed, "Unknown product - SKU MUG-9 does not exist")),
                Map.entry("000000004", new ExportOutcome(Result.Failed, "as an attribute")),
                Map.entry("000000002", new ExportOutcome(Result.Duplicate, "Order 000000002 already exists")));
        OrderFlowImportReport.Line success = report.lines().get(0);
        assertThat(success.fields()).containsOnly(
                Map.entry("entity", "Order"), Map.entry("externalReference", "000000001"),
                Map.entry("item", "17"), Map.entry("operation", "insert"),
                Map.entry("queryTime", "2017-03-23T01:43:29"), Map.entry("type", "order"));
        assertThat(report.lines()).filteredOn(line -> line.result() == Result.Duplicate).singleElement()
                .satisfies(line -> assertThat(line.fields()).containsEntry("duplicateDetail", "imported 2017-03-22"));
    }

    @Test
    void ordersTheAnswerDoesNotMentionAreFailed() {
        OrderFlowImportReport report = OrderFlowImportReport.parse(ANSWER);

        Map<String, ExportOutcome> outcomes = report.outcomesFor(List.of("000000001", "000000099"));

        assertThat(outcomes).containsExactly(
                Map.entry("000000001", new ExportOutcome(Result.Success, null)),
                Map.entry("000000099", new ExportOutcome(Result.Failed, "not mentioned in the back office's answer")));
    }

    @Test
    void theWorstLineForAReferenceWins() {
        String xml = "<r><importSuccesses><i externalReference=\"7\"/></importSuccesses>"
                + "<importFailures><i externalReference=\"7\"><failureMessage>boom</failureMessage></i></importFailures>"
                + "<importDuplicates><i externalReference=\"7\"/><i externalReference=\"8\"/></importDuplicates>"
                + "<importSuccesses><i externalReference=\"8\"/></importSuccesses></r>";

        Map<String, ExportOutcome> outcomes = OrderFlowImportReport.parse(xml).outcomes();

        assertThat(outcomes.get("7")).isEqualTo(new ExportOutcome(Result.Failed, "boom"));
        assertThat(outcomes.get("8").result()).isEqualTo(Result.Duplicate);
    }

    @Test
    void emptyListsAndAMessageIdElementAreFine() {
        OrderFlowImportReport report = OrderFlowImportReport.parse(
                "<report><messageId> 99 </messageId><importSuccesses/></report>");

        assertThat(report.messageId()).isEqualTo("99");
        assertThat(report.outcomes()).isEmpty();
        assertThat(OrderFlowImportReport.parse("<r><importFailures/></r>").messageId()).isNull();
    }

    @Test
    void aHostileDoctypeIsRefusedBeforeAnyEntityIsResolved() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <r><importSuccesses><i externalReference="&x;"/></importSuccesses></r>
                """;
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
                <r><importSuccesses><i externalReference="&d;"/></importSuccesses></r>
                """;

        for (String hostile : List.of(xxe, laughs)) {
            assertThatThrownBy(() -> OrderFlowImportReport.parse(hostile))
                    .isInstanceOf(BackOfficeRejectedException.class)
                    .hasMessageContaining("not readable XML")
                    .hasMessageContaining("DOCTYPE")
                    .hasMessageNotContaining("root:");
        }
    }

    @Test
    void anUnreadableAnswerIsARejectionNamingTheProblem() {
        assertThatThrownBy(() -> OrderFlowImportReport.parse("<html><body>Gateway says hi"))
                .isInstanceOf(BackOfficeRejectedException.class)
                .hasMessageContaining("not readable XML")
                .hasMessageContaining("Gateway says hi");
        assertThatThrownBy(() -> OrderFlowImportReport.parse(""))
                .isInstanceOf(BackOfficeRejectedException.class).hasMessageContaining("empty document");
        assertThatThrownBy(() -> OrderFlowImportReport.parse("<html><body><h2>ERROR</h2></body></html>"))
                .isInstanceOf(BackOfficeRejectedException.class)
                .hasMessageContaining("has no importSuccesses, importDuplicates or importFailures")
                .hasMessageContaining("<html>");
        assertThatThrownBy(() -> OrderFlowImportReport.parse("<response><exception>Channel 'x' unknown</exception>"
                + "</response>"))
                .isInstanceOf(BackOfficeRejectedException.class)
                .hasMessage("OrderFlow answered with an exception: Channel 'x' unknown");
    }

    @Test
    void errorTextIsTrimmedStrippedOfMarkupAndCapped() {
        assertThat(BackOfficeHttp.errorText("  <html><h2>ERROR</h2>\n\n<p>Bad   channel</p></html> "))
                .isEqualTo("ERROR Bad channel");
        assertThat(BackOfficeHttp.errorText("x".repeat(800))).hasSize(500);
        assertThat(BackOfficeHttp.errorText(" ")).isEqualTo("(empty body)");
    }
}
