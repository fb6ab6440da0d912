package org.stepdpo.reports.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTextTest {

    @Test
    void modelTextCannotBecomeHtmlLinksOrExtraCells() {
        assertThat(MarkdownText.cell("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(MarkdownText.cell("[click](javascript:x) ![i](http://h/i.png)"))
                .isEqualTo("\\[click\\](javascript:x) !\\[i\\](http://h/i.png)");
        assertThat(MarkdownText.cell("a|b\nc\\d & `e`")).isEqualTo("a\\|b c\\\\d &amp; \\`e\\`");
        assertThat(MarkdownText.cell("qwen2.5-math-7b step-dpo")).isEqualTo("qwen2.5-math-7b step-dpo");
        assertThat(MarkdownText.cell(null)).isEmpty();
    }
}
