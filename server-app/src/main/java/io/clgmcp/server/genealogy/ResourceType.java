package io.clgmcp.server.genealogy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kinds of record the search tool can narrow to, each recognised by the words its listings use
 * (stems, so that "naturalization" and "immigrants" are found).
 */
enum ResourceType {
    CENSUS("census|enumeration"),
    VITAL_RECORDS("vital|birth|death|marriage|divorce"),
    MILITARY("military|war|regiment|soldier|sailor|veteran|draft|muster|pension"),
    IMMIGRATION("immigra|emigra|passenger|naturali[sz]|ship"),
    NEWSPAPERS("newspaper|obituar|gazette"),
    CEMETERIES("cemeter|burial|grave|tombstone|funeral"),
    CHURCH_RECORDS("church|parish|baptism|congregation");

    private final Pattern words;

    ResourceType(String stems) {
        this.words = Pattern.compile("\\b(" + stems + ")", Pattern.CASE_INSENSITIVE);
    }

    /** The name the tools' schemas use: {@code vital_records}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of this schema name, or null for {@code all}. */
    static ResourceType ofWireName(String name) {
        return "all".equals(name) ? null : valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Every type whose words appear in this text. */
    static Set<ResourceType> in(String text) {
        Set<ResourceType> types = EnumSet.noneOf(ResourceType.class);
        for (ResourceType type : values()) {
            if (type.words.matcher(text).find()) {
                types.add(type);
            }
        }
        return types;
    }
}
