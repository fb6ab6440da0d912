package org.stepdpo.reports.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.stepdpo.reports.dashboard.Html;
import org.stepdpo.reports.runs.UnknownRunException;


/**
 * Unknown ids become 404 and unusable parameters 400, with a message: as JSON under /api, as a small page on the
 * dashboard.
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response unknown(UnknownRunException e, UriInfo uri) {
        return error(Response.Status.NOT_FOUND, e.getMessage(), uri);
    }

    /** A path under a resource that has no method for it: JSON under /api too (see {@link UnknownApiPath}). */
    @ServerExceptionMapper
    public Response noSuchPath(jakarta.ws.rs.NotFoundException e, UriInfo uri) {
        return error(Response.Status.NOT_FOUND, "no such path: " + uri.getPath(), uri);
    }

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e, UriInfo uri) {
        return error(Response.Status.BAD_REQUEST, e.getMessage(), uri);
    }

    private static Response error(Response.Status status, String message, UriInfo uri) {
        if (uri.getPath().startsWith("/api")) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(status.getStatusCode(), message)).build();
        }
        String title = status.getStatusCode() + " " + status.getReasonPhrase();
        String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<link rel=\"stylesheet\" href=\"/dashboard/style.css\"></head><body><main><h1>" + title + "</h1>"
                + "<p class=\"error\">" + Html.escape(message) + "</p><p><a href=\"/\">Back to the leaderboard</a></p>"
                + "</main></body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }
}
