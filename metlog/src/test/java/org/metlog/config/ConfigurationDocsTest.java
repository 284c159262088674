package org.metlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists exactly the aliases {@link Components#aliases()} knows. */
class ConfigurationDocsTest {
    @Test
    void the_alias_table_in_the_configuration_page_matches_components_aliases() throws Exception {
        String page = Files.readString(org.metlog.testing.Project.file("docs", "configuration.md"));
        int start = page.indexOf("<!-- aliases:start -->");
        int end = page.indexOf("<!-- aliases:end -->");
        assertTrue(start >= 0 && end > start, "alias table markers missing");
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : page.substring(start, end).split("\n")) {
            if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                documented.put(cells[1].strip().replace("`", ""), cells[2].strip().replace("`", ""));
            }
        }
        assertEquals(Components.aliases(), documented);
    }
}
