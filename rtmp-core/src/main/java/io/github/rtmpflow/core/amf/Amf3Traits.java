package io.github.rtmpflow.core.amf;

import java.util.List;
import java.util.Objects;

/**
 * The traits of an {@link Amf3Object}: what the AMF3 spec sends once per class and then refers
 * to by index.
 *
 * @param className the class alias; empty for an anonymous object
 * @param dynamic whether instances carry dynamic members after the sealed ones
 * @param externalizable whether instances serialise themselves in a class-specific format;
 *     {@link Amf3Reader} rejects such objects (their bytes cannot be parsed without the class),
 *     and {@link Amf3Writer} refuses to write them
 * @param sealedMemberNames the names of the sealed members, in wire order (unmodifiable)
 */
public record Amf3Traits(String className, boolean dynamic, boolean externalizable,
                         List<String> sealedMemberNames) {

    /** The traits of an anonymous dynamic object ({@code {}} in ActionScript). */
    public static final Amf3Traits ANONYMOUS_DYNAMIC = new Amf3Traits("", true, false, List.of());

    /** Copies the names; requires a class name (possibly empty). */
    public Amf3Traits {
        Objects.requireNonNull(className, "className");
        sealedMemberNames = List.copyOf(sealedMemberNames);
        if (externalizable && (dynamic || !sealedMemberNames.isEmpty())) {
            throw new IllegalArgumentException("externalizable traits carry no members: className="
                    + className + " dynamic=" + dynamic + " sealedMembers=" + sealedMemberNames.size());
        }
    }
}
