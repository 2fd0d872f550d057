package io.clgmcp.server.genealogy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the tools read from a listing's words: kinds of record, periods, language, cost. */
class ResourceFactsTest {
    @Test
    void readsRangesDecadesAndSingleYears() {
        assertEquals(
                List.of(
                        new YearSpan(1855, 1925),
                        new YearSpan(1880, 1889),
                        new YearSpan(1901, 1901)),
                YearSpan.in("Censuses 1855 to 1925, the 1880s, and 1901; not 12345 or 999."));
    }

    @Test
    void aPeriodMatchesWhenAnyMentionedSpanOverlapsIt() {
        ResourceFacts facts = facts("Muster rolls", "Volunteers of 1861-1865.", null, false);

        assertTrue(facts.within(1864, 1900));
        assertFalse(facts.within(1866, 1900));
    }

    @Test
    void kindsOfRecordComeFromTheListingAndWhereItIsListed() {
        ResourceFacts facts = facts("Hamburg lists", "Passengers leaving Europe.", null, false);

        assertEquals(Set.of(ResourceType.IMMIGRATION), facts.types());
        assertEquals(
                Set.of(ResourceType.CENSUS),
                ResourceFacts.of(
                                listing("Slave schedules", "Transcriptions.", null, false),
                                "Census")
                        .types());
    }

    @Test
    void languageComesFromTheMarkupOrTheDescriptionElseEnglish() {
        assertEquals("German", facts("Lists", "Village lists.", "de", false).language());
        assertEquals("French", facts("Actes", "Parish acts, in French.", null, false).language());
        assertEquals("English", facts("Ships", "Arrivals in New York.", null, false).language());
        assertTrue(facts("Lists", "", "de", false).inAnyOf(List.of("german")));
    }

    @Test
    void aSiteMarkedOrDescribedAsFeeBasedIsNotFree() {
        assertFalse(facts("Records", "Indexes.", null, true).free());
        assertFalse(facts("Records", "Subscription required.", null, false).free());
        assertTrue(facts("Records", "Free searchable database.", null, false).free());
    }

    @Test
    void placesAreMatchedAsWholeWords() {
        ResourceFacts facts = facts("New York State Census", "", null, false);

        assertTrue(facts.mentions("new york"));
        assertFalse(facts.mentions("York State Cen"));
    }

    private static ResourceFacts facts(
            String title, String description, String language, boolean fee) {
        return ResourceFacts.of(listing(title, description, language, fee), "");
    }

    private static ListedResource listing(
            String title, String description, String language, boolean fee) {
        return new ListedResource(
                title, URI.create("https://example.org/"), description, null, language, fee);
    }
}
