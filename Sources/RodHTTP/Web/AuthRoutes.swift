import HTTPTypes
import Hummingbird
import Logging
import RodCore
import RodSchema
import RodServices

/// Discord login (`auth/login/`, `auth/login/success/`) and logout (`auth/logout/`). Each ends in a 302 to the
/// site; a refused or failed login opens no session.
struct AuthRoutes {
    let login: DiscordLogin
    let sessions: SessionService
    let finalRedirect: String
    let secureCookies: Bool
    /// Each login start stores a state: starts are counted per client address.
    let loginStarts: MinuteCounter
    let addresses: ClientAddresses
    let clock: @Sendable () -> Double

    /// The login state's cookie: this browser's copy of the state, so a callback from another browser fails.
    static let stateCookie = "rod_oauth_state"

    @Sendable func start(_ request: Request, context: RodRequestContext) async throws -> Response {
        let address = addresses.address(of: request, peer: context.remoteAddress) ?? ""
        if let wait = loginStarts.admit(address, now: clock()) {
            context.logger.notice("too many logins started", metadata: ["client": "\(address)"])
            return Reply.throttled("Too many logins started from this address.", wait: wait)
        }
        let (state, url) = try await login.start()
        var response = Response(status: .found, headers: [.location: url])
        response.setCookie(
            Cookie(
                name: Self.stateCookie, value: state, maxAge: Int(DiscordLogin.stateLifetime), path: "/auth/",
                secure: secureCookies,
                httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func finish(_ request: Request, context: RodRequestContext) async throws -> Response {
        let query = request.formQuery
        var response = Response(status: .found, headers: [.location: finalRedirect])
        response.setCookie(
            Cookie(
                name: Self.stateCookie, value: "", maxAge: 0, path: "/auth/", secure: secureCookies, httpOnly: true,
                sameSite: .lax))
        do {
            let (user, session) = try await login.finish(
                code: query["code"], state: query["state"],
                cookieState: request.cookie(Self.stateCookie))
            SessionCookies.set(session, secure: secureCookies, on: &response)
            context.logger.info("signed in", metadata: ["user": "\(user.id)"])
        } catch .badState {
            context.logger.notice("login refused: unknown, used or foreign state")
        } catch .discord(let reason) {
            context.logger.error("login failed", metadata: ["reason": "\(reason)"])
            response.headers[.location] = finalRedirect + (finalRedirect.contains("?") ? "&" : "?") + "login=failed"
        }
        return response
    }

    /// Revokes the session, closes its gateway sockets and clears its cookies. A signed-in logout must come from the
    /// site (its CSRF token, or a same-origin fetch), so another site cannot sign the user out.
    @Sendable func logout(_ request: Request, context: RodRequestContext) async throws -> Response {
        if let token = request.cookie(SessionCookies.session),
            let (session, _) = try await sessions.authenticate(token: token)
        {
            if let refusal = CSRFCheck.refusal(request, session: session, acceptsSameOriginFetch: true) { return refusal }
            try await sessions.revoke(token: token)
        }
        var response = Response(status: .found, headers: [.location: finalRedirect])
        SessionCookies.clear(secure: secureCookies, on: &response)
        return response
    }
}

/// `patreon/webhook`: 200 when applied or recorded, 204 when the pledge names no tier, 400 for a missing
/// signature or a malformed body, 403 for a bad signature.
struct PatreonRoutes {
    let webhook: PatreonWebhook

    static let signature = HTTPField.Name("X-Patreon-Signature")!
    static let event = HTTPField.Name("X-Patreon-Event")!

    @Sendable func receive(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            let outcome = try await webhook.receive(
                body: Array(body.readableBytesView), signature: request.headers[Self.signature],
                event: request.headers[Self.event])
            context.logger.info("patreon webhook", metadata: ["outcome": "\(outcome)"])
            return Reply.empty(outcome == .noTiers ? .noContent : .ok)
        } catch PatreonRefusal.missingSignature {
            return Reply.error("Signature missing")
        } catch PatreonRefusal.invalidSignature {
            context.logger.notice("patreon webhook with an invalid signature")
            return Reply.error("Invalid signature", status: .forbidden)
        } catch PatreonRefusal.invalid(let errors) {
            return Reply.json(errors, status: .badRequest)
        }
    }
}

extension AuthRoutes {
    /// The routes, each declared once: `HTTPFaces` mounts them and the catalog documents them.
    static var routes: [Route<Self>] {
        typealias R = Operation.Response
        let location = [("Location", "Where the browser goes next.")]
        let logout = R(302, "Signed out; redirects to the frontend.", headers: location)
        let foreignLogout = R(
            403, "Signed in, but neither the CSRF token nor a same-origin fetch: the request came from another site.",
            .json(Common.ref("Detail")))
        return [
            Route(
                Operation(
                    "GET", "/auth/login/", id: "auth_login", tag: "auth", summary: "Start a Discord login.", security: .none,
                    responses: [
                        R(302, "Redirects to Discord's authorization page.", headers: location),
                        R(
                            429, "Too many logins started from this address in the last minute.", .json(Common.ref("Detail")),
                            headers: [("Retry-After", "Seconds until a login may start.")]),
                    ])
            ) { try await $0.start($1, context: $2) },
            Route(
                Operation(
                    "GET", "/auth/login/success/", id: "auth_login_success", tag: "auth", summary: "Discord's OAuth callback.",
                    security: .none,
                    parameters: [
                        .init("code", in: .query, schema: ["type": "string"], "Discord's authorization code."),
                        .init("state", in: .query, schema: ["type": "string"], "The state sent to Discord."),
                    ],
                    responses: [
                        R(
                            302,
                            "Signed in (a `sessionid` cookie is set) or not; redirects to the frontend either way (`?login=failed` when Discord refused).",
                            headers: location)
                    ])
            ) { try await $0.finish($1, context: $2) },
            Route(
                Operation(
                    "GET", "/auth/logout/", id: "auth_logout", tag: "auth", summary: "Sign out.", security: .none,
                    responses: [logout, foreignLogout])
            ) { try await $0.logout($1, context: $2) },
            Route(
                Operation(
                    "POST", "/auth/logout/", id: "auth_logout_post", tag: "auth", summary: "Sign out.", security: .none,
                    responses: [logout, foreignLogout])
            ) { try await $0.logout($1, context: $2) },
        ]
    }
}

extension PatreonRoutes {
    /// The route, declared once: `HTTPFaces` mounts it and the catalog documents it.
    static var routes: [Route<Self>] {
        typealias R = Operation.Response
        return [
            Route(
                Operation(
                    "POST", "/patreon/webhook", id: "patreon_webhook", tag: "patreon",
                    summary: "A Patreon membership event: sets the patron's supporter tier.", security: .patreonSignature,
                    parameters: [
                        .init("X-Patreon-Signature", in: .header, schema: ["type": "string"], "HMAC-MD5 of the body, hex.")
                    ],
                    body: .json(["type": "object", "description": "Patreon's JSON:API membership payload."]),
                    responses: [
                        R(200, "Applied, or ignored: a delivery received before, or an event older than the patron's last."),
                        R(204, "No tier in the payload."),
                        R(400, "No signature, or a malformed payload.", .json(Common.any)),
                        R(403, "A wrong signature.", .json(Common.ref("ErrorMessage"))),
                        R(413, "The body is larger than 1 MiB.", .json(Common.ref("Detail"))),
                    ])
            ) { try await $0.receive($1, context: $2) }
        ]
    }
}
