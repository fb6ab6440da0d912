package org.stepdpo.reports.dashboard;

/**
 * Where a page of a listing lies: items {@code from}..{@code to} (1-based, inclusive) of {@code total}.
 *
 * @param previous offset of the previous page, or -1 on the first page
 * @param next     offset of the next page, or -1 on the last page
 */
public record Paging(long total, int offset, int limit, long from, long to, int previous, int next) {

    static Paging of(long total, int offset, int limit, int shown) {
        return new Paging(total, offset, limit, shown == 0 ? 0 : offset + 1L, offset + (long) shown,
                offset == 0 ? -1 : Math.max(0, offset - limit), offset + (long) limit < total ? offset + limit : -1);
    }

    public boolean hasPrevious() {
        return previous >= 0;
    }

    public boolean hasNext() {
        return next >= 0;
    }
}
