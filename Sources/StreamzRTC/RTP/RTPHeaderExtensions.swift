/// The header extension block of an RTP packet (RFC 3550 §5.3.1) holding
/// RFC 8285 elements, addressed by the ids negotiated with `a=extmap`.
public struct RTPHeaderExtensions: Equatable, Sendable {
    /// One extension element: the negotiated id and its value bytes.
    public struct Element: Equatable, Sendable {
        public var id: UInt8
        public var data: [UInt8]

        public init(id: UInt8, data: [UInt8]) {
            self.id = id
            self.data = data
        }
    }

    /// An extension block whose "defined by profile" value is neither RFC 8285
    /// form; kept opaque so a packet can be relayed unchanged.
    public struct Opaque: Equatable, Sendable {
        public var profile: UInt16
        public var data: [UInt8]

        public init(profile: UInt16, data: [UInt8]) {
            self.profile = profile
            self.data = data
        }
    }

    /// RFC 8285 §4.2: the one-byte form's "defined by profile" value.
    public static let oneByteProfile: UInt16 = 0xBEDE
    /// RFC 8285 §4.3: the two-byte form's value is 0x100 followed by 4 application bits.
    public static let twoByteProfile: UInt16 = 0x1000

    public var elements: [Element]
    /// Set only when a received block used an unknown profile; then `elements` is empty.
    public var opaque: Opaque?
    /// Write the two-byte form even when every element would fit the one-byte form
    /// (the sender negotiated `a=extmap-allow-mixed` and wants it).
    public var prefersTwoByteForm: Bool

    public init(elements: [Element] = [], prefersTwoByteForm: Bool = false) {
        self.elements = elements
        self.opaque = nil
        self.prefersTwoByteForm = prefersTwoByteForm
    }

    public init(opaque: Opaque) {
        self.elements = []
        self.opaque = opaque
        self.prefersTwoByteForm = false
    }

    public var isEmpty: Bool { elements.isEmpty && opaque == nil }

    /// The value of the first element with this id.
    public subscript(id: UInt8) -> [UInt8]? {
        elements.first { $0.id == id }?.data
    }

    /// Replaces (or adds) the element with this id.
    public mutating func set(id: UInt8, data: [UInt8]) {
        if let index = elements.firstIndex(where: { $0.id == id }) {
            elements[index].data = data
        } else {
            elements.append(Element(id: id, data: data))
        }
    }

    public mutating func remove(id: UInt8) {
        elements.removeAll { $0.id == id }
    }

    /// RFC 8285 §4.2: ids 1-14 with 1-16 bytes fit the one-byte form; anything
    /// else (id 15+, empty or longer values) needs the two-byte form.
    var needsTwoByteForm: Bool {
        prefersTwoByteForm || elements.contains { !(1...14).contains($0.id) || !(1...16).contains($0.data.count) }
    }
}

extension RTPHeaderExtensions {
    /// Parses the extension block that starts at the "defined by profile" field.
    static func parse(_ reader: inout MediaByteReader<RTPError>) throws(RTPError) -> RTPHeaderExtensions {
        let profile = try reader.u16()
        let words = Int(try reader.u16())
        let body = try reader.take(words * 4)
        if profile == oneByteProfile {
            return try parseOneByte(body)
        }
        if profile & 0xFFF0 == twoByteProfile {
            return try parseTwoByte(body)
        }
        return RTPHeaderExtensions(opaque: Opaque(profile: profile, data: body))
    }

    private static func parseOneByte(_ body: [UInt8]) throws(RTPError) -> RTPHeaderExtensions {
        var result = RTPHeaderExtensions()
        var index = 0
        while index < body.count {
            let id = body[index] >> 4
            let length = Int(body[index] & 0x0F) + 1
            if id == 0 {
                // RFC 8285 §4.2: a zero byte is padding between elements.
                index += 1
                continue
            }
            if id == 15 {
                // RFC 8285 §4.2: id 15 is reserved; the receiver stops parsing here.
                break
            }
            guard index + 1 + length <= body.count else { throw .invalidExtensionElement(id: id, length: length) }
            result.elements.append(Element(id: id, data: Array(body[(index + 1)..<(index + 1 + length)])))
            index += 1 + length
        }
        return result
    }

    private static func parseTwoByte(_ body: [UInt8]) throws(RTPError) -> RTPHeaderExtensions {
        var result = RTPHeaderExtensions(prefersTwoByteForm: true)
        var index = 0
        while index < body.count {
            let id = body[index]
            if id == 0 {
                // RFC 8285 §4.3: padding bytes are zero.
                index += 1
                continue
            }
            guard index + 1 < body.count else { throw .invalidExtensionElement(id: id, length: -1) }
            let length = Int(body[index + 1])
            guard index + 2 + length <= body.count else { throw .invalidExtensionElement(id: id, length: length) }
            result.elements.append(Element(id: id, data: Array(body[(index + 2)..<(index + 2 + length)])))
            index += 2 + length
        }
        return result
    }

    /// Writes the block (profile, length and padded body); nothing when empty.
    func write(into writer: inout MediaByteWriter) throws(RTPError) {
        if elements.isEmpty {
            guard let opaque else { return }
            guard opaque.data.count % 4 == 0, opaque.data.count / 4 <= Int(UInt16.max) else {
                throw .invalidExtensionValue("opaque extension data must be whole 32-bit words")
            }
            writer.u16(opaque.profile)
            writer.u16(UInt16(opaque.data.count / 4))
            writer.append(opaque.data)
            return
        }
        let twoByte = needsTwoByteForm
        var body = MediaByteWriter()
        for element in elements {
            if twoByte {
                guard element.id != 0, element.data.count <= 255 else {
                    throw .invalidExtensionElement(id: element.id, length: element.data.count)
                }
                body.u8(element.id)
                body.u8(UInt8(element.data.count))
            } else {
                body.u8(element.id << 4 | UInt8(element.data.count - 1))
            }
            body.append(element.data)
        }
        body.padToWord()
        guard body.count / 4 <= Int(UInt16.max) else { throw .invalidExtensionValue("extension block too long") }
        writer.u16(twoByte ? Self.twoByteProfile : Self.oneByteProfile)
        writer.u16(UInt16(body.count / 4))
        writer.append(body.bytes)
    }
}
