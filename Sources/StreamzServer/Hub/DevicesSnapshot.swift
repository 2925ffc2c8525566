import StreamzProtocol

/// A viewer's `devices` snapshot as messages that each fit in one frame of
/// the contract's size (PROTOCOL.md §3: at most 64 KiB). One `devices` when
/// it fits (always, for a few hundred devices); otherwise parts
/// (`"more": true`) and a last `devices`, so a client that holds frames to
/// the limit still gets every device, in order, with nothing in between.
enum DevicesSnapshot {
    static func messages(for devices: [Device], limit: Int) throws -> [ServerMessage] {
        guard try ServerMessage.devices(devices).encoded().utf8.count > limit else { return [.devices(devices)] }
        // A part's size is its envelope plus each device's JSON and a comma:
        // the devices are measured one by one, not re-encoded per part.
        let envelope = try ServerMessage.devicesPart([]).encoded().utf8.count
        var messages: [ServerMessage] = []
        var part: [Device] = []
        var size = envelope
        for device in devices {
            let deviceSize = try ServerMessage.devicesPart([device]).encoded().utf8.count - envelope + 1
            if !part.isEmpty, size + deviceSize > limit {
                messages.append(.devicesPart(part))
                part = []
                size = envelope
            }
            part.append(device)
            size += deviceSize
        }
        // The last one carries no `more`, so it is never larger than a part.
        messages.append(.devices(part))
        return messages
    }
}
