package org.stepdpo.reports.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Any /api path no resource serves: a JSON 404 like every other API error, instead of the HTTP server's own page
 * (a client of the API parses JSON, always). JAX-RS matches the more specific resources first.
 */
@Path("/api/{path: .*}")
public class UnknownApiPath {

    @GET
    @Operation(hidden = true)
    public Response notFound(@PathParam("path") String path) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(404, "no API endpoint /api/" + path + "; see /q/openapi")).build();
    }
}
