package io.clgmcp.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UriTemplateTest {

    @Test
    void matchesAUriAndGivesTheVariablesValue() {
        UriTemplate template = UriTemplate.parse("test://template/{id}/data");

        assertEquals(Optional.of(Map.of("id", "123")), template.match("test://template/123/data"));
        assertEquals(List.of("id"), template.variables());
        assertEquals("test://template/{id}/data", template.toString());
    }

    @Test
    void givesEveryVariableInTemplateOrder() {
        UriTemplate template = UriTemplate.parse("census://{year}/{county}/page-{page}");

        Map<String, String> values = template.match("census://1881/Kent/page-7").orElseThrow();

        assertEquals(Map.of("year", "1881", "county", "Kent", "page", "7"), values);
        assertEquals(List.of("year", "county", "page"), List.copyOf(values.keySet()));
        assertEquals(List.of("year", "county", "page"), template.variables());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aXb+c/1", "a.bbc/1", "a.bb+c/1", "a.b+cc/1", "A.B+C/1"})
    void treatsRegexCharactersInTheTemplateAsLiteralText(String uri) {
        UriTemplate template = UriTemplate.parse("a.b+c/{x}");

        assertEquals(Optional.of(Map.of("x", "1")), template.match("a.b+c/1"));
        assertEquals(Optional.empty(), template.match(uri));
    }

    @Test
    void treatsQuotingAndGroupCharactersAsLiteralText() {
        UriTemplate template = UriTemplate.parse("x://(a|b)*[c]?$^\\E\\Q/{v}");

        assertEquals(Optional.of(Map.of("v", "1")), template.match("x://(a|b)*[c]?$^\\E\\Q/1"));
        assertEquals(Optional.empty(), template.match("x://a/1"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "test://template/1/2/data",
                "test://template//data",
                "test://template/1?q=2/data",
                "test://template/1#top/data",
                "test://template/123/data/",
                "prefix-test://template/123/data"
            })
    void matchesNoUriWhereAVariableWouldSpanASlashOrBeEmpty(String uri) {
        assertEquals(Optional.empty(), UriTemplate.parse("test://template/{id}/data").match(uri));
    }

    @Test
    void matchesOnlyItsOwnTextWhenItHasNoVariables() {
        UriTemplate template = UriTemplate.parse("test://static");

        assertEquals(Optional.of(Map.of()), template.match("test://static"));
        assertEquals(Optional.empty(), template.match("test://static2"));
        assertEquals(List.of(), template.variables());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "test://{+path}",
                "test://{#frag}",
                "test://{?q}",
                "test://{a,b}",
                "test://{a-b}",
                "test://{}",
                "test://{open",
                "test://close}"
            })
    void refusesAnExpressionOtherThanASimpleName(String text) {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> UriTemplate.parse(text));

        assertTrue(refused.getMessage().contains(text), refused.getMessage());
    }

    @Test
    void refusesATemplateNamingAVariableTwice() {
        IllegalArgumentException refused =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> UriTemplate.parse("test://{x}/and/{x}"));

        assertEquals("the URI template test://{x}/and/{x} names {x} twice", refused.getMessage());
    }
}
