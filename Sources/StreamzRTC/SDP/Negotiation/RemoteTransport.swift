/// Reads the remote ICE/DTLS parameters of the (bundled) transport from a
/// remote description.
enum RemoteTransport {
    /// - Parameters:
    ///   - transportSection: the accepted remote m= section carrying the
    ///     transport (the BUNDLE-tagged one, RFC 8843 §7.1.1); nil when none was accepted.
    ///   - isOffer: decides what a missing `a=setup` means.
    static func read(from description: SessionDescription, transportSection: MediaDescription?,
                     bundleMids: [String], isOffer: Bool) throws(SDPNegotiationError) -> NegotiatedTransport {
        guard let first = transportSection else {
            throw .mediaRejected("no accepted m= section")
        }
        guard let ufrag = description.iceUfrag(for: first), let pwd = description.icePwd(for: first),
              !ufrag.isEmpty, !pwd.isEmpty else {
            throw .missingTransportParameters("no ice-ufrag/ice-pwd for mid \(first.mid ?? "?")")
        }
        let fingerprints = description.fingerprints(for: first)
        // sha-256 is the one hash every WebRTC stack lists (Chromium lists only
        // it) and the one our DTLS layer checks; others may come along (RFC 8122 §5).
        guard let sha256 = fingerprints.first(where: { $0.algorithm == "sha-256" }) else {
            let offered = fingerprints.map(\.algorithm).joined(separator: ", ")
            throw .missingTransportParameters(
                offered.isEmpty ? "no fingerprint" : "no sha-256 fingerprint (offered \(offered))")
        }
        let role = try dtlsRole(remote: description.setup(for: first), remoteIsOfferer: isOffer)

        // Only the first section's candidates: once BUNDLE is agreed, both
        // Chromium and aiortc keep the tagged section's ICE transport and close
        // the ones they gathered for the other sections (RFC 8843 §7.3.1), so
        // those candidates (other ports) would lead nowhere.
        return NegotiatedTransport(
            remoteICEUfrag: ufrag, remoteICEPwd: pwd, remoteFingerprint: sha256,
            remoteFingerprints: fingerprints, dtlsRole: role, remoteCandidates: first.candidates,
            remoteEndOfCandidates: first.endOfCandidates,
            remoteTrickle: description.iceOptions(for: first).contains("trickle"),
            remoteICELite: description.iceLite, bundleMids: bundleMids)
    }

    /// RFC 8842 §5.1–5.3: `active` is the DTLS client. An offer must say
    /// `actpass`, and then the answerer picks `active` (JSEP RFC 8829 §5.3.1);
    /// an absent attribute means `active` (RFC 4145 §4).
    static func dtlsRole(remote: SDPSetupRole?, remoteIsOfferer: Bool) throws(SDPNegotiationError) -> DTLSRole {
        switch remote ?? .active {
        case .actpass:
            guard remoteIsOfferer else { throw .mismatchedAnswer("answer says setup:actpass") }
            return .client
        case .active: return .server
        case .passive: return .client
        case .holdconn: throw .unsupportedTransport("setup:holdconn")
        }
    }

    /// The setup value we write for a role.
    static func setupAttribute(for role: DTLSRole) -> SDPSetupRole {
        role == .client ? .active : .passive
    }
}

extension LocalTransportParameters {
    /// Our transport lines for one m= section (RFC 8829 §5.2.1 order:
    /// credentials, options, fingerprint, setup).
    func attributes(setup: SDPSetupRole) -> [SDPAttribute] {
        var lines = [SDPAttribute("ice-ufrag", iceUfrag), SDPAttribute("ice-pwd", icePwd)]
        if !iceOptions.isEmpty { lines.append(SDPAttribute("ice-options", iceOptions.joined(separator: " "))) }
        lines.append(SDPAttribute("fingerprint", fingerprint.attributeValue))
        lines.append(SDPAttribute("setup", setup.rawValue))
        return lines
    }

    /// Candidate lines, repeated in every bundled section because aiortc only
    /// reads them from the last one (see INTEROP-NOTES.md).
    var candidateAttributes: [SDPAttribute] {
        var lines = candidates.map { SDPAttribute("candidate", $0) }
        if endOfCandidates { lines.append(SDPAttribute("end-of-candidates")) }
        return lines
    }

    /// The m= port and c= line: the first candidate's address (RFC 8829
    /// §5.2.1 uses the default candidate), else JSEP's placeholder `9` and
    /// `IN IP4 0.0.0.0` when nothing is gathered yet.
    var defaultDestination: (port: UInt16, connection: SDPConnection) {
        for candidate in candidates {
            // RFC 8839 §5.1: foundation component transport priority address port typ ...
            // c= needs an IP literal: an mDNS name (RFC 8839 §5.1 allows FQDNs) is skipped.
            let fields = MediaDescription.tokens(candidate)
            guard fields.count >= 6, let port = UInt16(fields[5]), let address = IPAddress(fields[4]) else { continue }
            return (port, SDPConnection(addressType: address.isIPv4 ? "IP4" : "IP6", address: fields[4]))
        }
        return (9, .placeholder)
    }
}

extension MediaDescription {
    /// Remote media SSRCs and their RTX partners: the second SSRC of each
    /// `FID` group is a retransmission stream (RFC 4588 §8.3).
    var remoteStreamSSRCs: (media: [UInt32], rtx: [UInt32: UInt32], cname: String?) {
        var rtx: [UInt32: UInt32] = [:]
        for group in ssrcGroups where group.semantics == "FID" && group.ssrcs.count == 2 {
            rtx[group.ssrcs[0]] = group.ssrcs[1]
        }
        let rtxSet = Set(rtx.values)
        let cname = ssrcAttributes.first { $0.attribute == "cname" }?.value
        return (ssrcs.filter { !rtxSet.contains($0) }, rtx, cname)
    }
}
