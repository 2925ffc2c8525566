/// One entry of `iceServers` (PROTOCOL.md §2): STUN or TURN URLs with
/// TURN REST API credentials where the server hands them out.
public struct ICEServer: Codable, Equatable, Sendable {
    public var urls: [String]
    public var username: String?
    public var credential: String?

    public init(urls: [String], username: String? = nil, credential: String? = nil) {
        self.urls = urls
        self.username = username
        self.credential = credential
    }
}
