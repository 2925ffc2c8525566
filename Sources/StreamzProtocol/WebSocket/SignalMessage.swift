import Foundation

/// `{"type":"signal","sessionId",…}`: an SDP description or a trickled ICE
/// candidate for the other party of a session (PROTOCOL.md §3 "Sessions and
/// signalling"). The server relays the original text unchanged; both parties
/// read and write it with this type.
public struct SignalMessage: Codable, Equatable, Sendable {
    public var sessionId: UUID
    public var content: Content

    /// Exactly one of `description`, `candidate` or `"candidate": null` is present.
    public enum Content: Equatable, Sendable {
        case description(SessionDescription)
        case candidate(ICECandidateInit)
        /// `"candidate": null`: the sender has no more candidates.
        case endOfCandidates
    }

    public init(sessionId: UUID, content: Content) {
        self.sessionId = sessionId
        self.content = content
    }

    private enum CodingKeys: String, CodingKey { case sessionId, description, candidate }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sessionId = try c.decode(LowercaseUUID.self, forKey: .sessionId).value
        let hasDescription = c.contains(.description)
        let hasCandidate = c.contains(.candidate)
        switch (hasDescription, hasCandidate) {
        case (true, false):
            content = .description(try c.decode(SessionDescription.self, forKey: .description))
        case (false, true):
            content = try c.decodeNil(forKey: .candidate)
                ? .endOfCandidates : .candidate(try c.decode(ICECandidateInit.self, forKey: .candidate))
        case (true, true):
            throw shapeError(CodingKeys.candidate, in: c, "A signal carries either a description or a candidate, not both.")
        case (false, false):
            throw shapeError(CodingKeys.description, in: c, "A signal needs a description or a candidate.")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(LowercaseUUID(sessionId), forKey: .sessionId)
        switch content {
        case .description(let description): try c.encode(description, forKey: .description)
        case .candidate(let candidate): try c.encode(candidate, forKey: .candidate)
        case .endOfCandidates: try c.encodeNil(forKey: .candidate)
        }
    }
}

/// `{type, sdp}` as a browser's `RTCSessionDescriptionInit` gives it.
public struct SessionDescription: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case offer
        case answer
    }

    public var type: Kind
    public var sdp: String

    public init(type: Kind, sdp: String) {
        self.type = type
        self.sdp = sdp
    }
}

/// `{candidate, sdpMid, sdpMLineIndex}` as a browser's `RTCIceCandidate.toJSON()`
/// gives it: `candidate` is the attribute value with its `candidate:` prefix
/// (RFC 8839 §5.1); the mid and index may be null.
public struct ICECandidateInit: Codable, Equatable, Sendable {
    public var candidate: String
    public var sdpMid: String?
    public var sdpMLineIndex: Int?

    public init(candidate: String, sdpMid: String?, sdpMLineIndex: Int?) {
        self.candidate = candidate
        self.sdpMid = sdpMid
        self.sdpMLineIndex = sdpMLineIndex
    }

    private enum CodingKeys: String, CodingKey { case candidate, sdpMid, sdpMLineIndex }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        candidate = try c.decode(String.self, forKey: .candidate)
        sdpMid = try c.decodeIfPresent(String.self, forKey: .sdpMid)
        sdpMLineIndex = try c.decodeIfPresent(Int.self, forKey: .sdpMLineIndex)
        if let index = sdpMLineIndex, index < 0 {
            throw shapeError(CodingKeys.sdpMLineIndex, in: c, "The m-line index cannot be negative.")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(candidate, forKey: .candidate)
        try c.encodeNullable(sdpMid, forKey: .sdpMid)
        try c.encodeNullable(sdpMLineIndex, forKey: .sdpMLineIndex)
    }
}
