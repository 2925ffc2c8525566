/// A STUN method (RFC 8489 §5, §18.2). Only Binding matters to ICE; TURN adds its own.
public struct STUNMethod: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue & 0x0FFF }

    public static let binding = STUNMethod(rawValue: 0x001)
}

/// The class bits of a message type (RFC 8489 §5).
public enum STUNClass: UInt8, Sendable {
    case request = 0b00
    case indication = 0b01
    case successResponse = 0b10
    case errorResponse = 0b11
}

/// Method and class, packed into 14 bits as RFC 8489 §5 Figure 3 interleaves them:
/// M11..M7 C1 M6..M4 C0 M3..M0.
public struct STUNMessageType: Hashable, Sendable {
    public var method: STUNMethod
    public var messageClass: STUNClass

    public init(method: STUNMethod, messageClass: STUNClass) {
        self.method = method
        self.messageClass = messageClass
    }

    public static let bindingRequest = STUNMessageType(method: .binding, messageClass: .request)
    public static let bindingSuccess = STUNMessageType(method: .binding, messageClass: .successResponse)
    public static let bindingError = STUNMessageType(method: .binding, messageClass: .errorResponse)
    public static let bindingIndication = STUNMessageType(method: .binding, messageClass: .indication)

    var rawValue: UInt16 {
        let m = method.rawValue
        let c = UInt16(messageClass.rawValue)
        return (m & 0x000F) | ((c & 0b01) << 4) | ((m & 0x0070) << 1) | ((c & 0b10) << 7) | ((m & 0x0F80) << 2)
    }

    init(rawValue: UInt16) {
        let method = (rawValue & 0x000F) | ((rawValue >> 1) & 0x0070) | ((rawValue >> 2) & 0x0F80)
        let classBits = ((rawValue >> 4) & 0b01) | ((rawValue >> 7) & 0b10)
        self.method = STUNMethod(rawValue: method)
        // Two bits always map onto one of the four classes.
        self.messageClass = STUNClass(rawValue: UInt8(classBits)) ?? .request
    }
}
