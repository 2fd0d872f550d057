package io.clgmcp.server.genealogy;

/**
 * The search tool's narrowing of results: a place the listing must name, a period it must speak of,
 * a kind of record it must be. Each part left out keeps everything.
 */
record SearchFilter(String location, Integer startYear, Integer endYear, ResourceType type) {
    SearchFilter {
        if (startYear != null && endYear != null && startYear > endYear) {
            throw new IllegalArgumentException(
                    "timePeriod.start ("
                            + startYear
                            + ") is after timePeriod.end ("
                            + endYear
                            + "); give the earlier year as start.");
        }
    }

    static SearchFilter of(Arguments arguments) {
        Arguments period = arguments.object("timePeriod");
        String type = arguments.text("resourceType");
        return new SearchFilter(
                arguments.text("location"),
                period == null ? null : period.number("start"),
                period == null ? null : period.number("end"),
                type == null ? null : ResourceType.ofWireName(type));
    }

    boolean accepts(ResourceFacts facts) {
        return (location == null || facts.mentions(location))
                && (type == null || facts.types().contains(type))
                && (startYear == null && endYear == null
                        || facts.within(
                                startYear == null ? Integer.MIN_VALUE : startYear,
                                endYear == null ? Integer.MAX_VALUE : endYear));
    }
}
