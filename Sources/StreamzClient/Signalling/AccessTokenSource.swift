/// Where the signalling client gets the access token for its `auth`
/// message: `APIClient` gives one refreshed when about to expire, so each
/// reconnect authenticates with a token that is still good.
public protocol AccessTokenSource: Sendable {
    func validAccessToken() async throws(StreamzAPIError) -> String
}

extension APIClient: AccessTokenSource {}
