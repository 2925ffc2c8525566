import Crypto
import Foundation
import Hummingbird
import StreamzProtocol

/// `GET /ice-servers`.
struct ICEServerController {
    let issuer: ICEServerIssuer

    var endpoints: RouteCollection<AuthenticatedContext> {
        let routes = RouteCollection(context: AuthenticatedContext.self)
        routes.get { _, context in
            try Response.wire(ICEServersResponse(iceServers: issuer.iceServers(for: context.userId), ttl: issuer.ttl))
        }
        return routes
    }
}

/// The ICE servers a user is handed (REST and the hub's `welcome` and
/// `session.request`): STUN URLs as they are, TURN URLs with TURN REST API
/// credentials (draft-uberti-behave-turn-rest-00 §2, what coturn's
/// `use-auth-secret` checks): username `<unix expiry>:<userId>`, credential
/// base64(HMAC-SHA1(secret, username)).
public struct ICEServerIssuer: Sendable {
    let stunURLs: [String]
    let turnURLs: [String]
    let turnSecret: String?
    /// Seconds the TURN credentials stay valid.
    public let ttl: Int
    let now: @Sendable () -> Date

    public init(configuration: ServerConfiguration, now: @escaping @Sendable () -> Date = Date.init) {
        stunURLs = configuration.stunURLs
        turnURLs = configuration.turnURLs
        turnSecret = configuration.turnSecret
        ttl = configuration.turnCredentialTTL
        self.now = now
    }

    public func iceServers(for userId: UUID) -> [ICEServer] {
        var servers: [ICEServer] = []
        if !stunURLs.isEmpty { servers.append(ICEServer(urls: stunURLs)) }
        if !turnURLs.isEmpty, let turnSecret {
            let expiry = Int(now().timeIntervalSince1970) + ttl
            let username = "\(expiry):\(userId.wireString)"
            servers.append(ICEServer(urls: turnURLs, username: username, credential: Self.credential(secret: turnSecret, username: username)))
        }
        return servers
    }

    static func credential(secret: String, username: String) -> String {
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(username.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }
}
