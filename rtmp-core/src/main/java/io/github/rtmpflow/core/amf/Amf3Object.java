package io.github.rtmpflow.core.amf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AMF3 object (marker 0x0A): traits, the sealed member values in the order of
 * {@link Amf3Traits#sealedMemberNames()}, then (for dynamic traits) dynamic members in wire order.
 *
 * @param traits the class description
 * @param sealedValues the sealed member values, parallel to the traits' names (unmodifiable)
 * @param dynamicMembers the dynamic members (unmodifiable, insertion-ordered, no empty name);
 *     empty unless the traits are dynamic
 */
public record Amf3Object(Amf3Traits traits, List<Amf3Value> sealedValues,
                         Map<String, Amf3Value> dynamicMembers) implements Amf3Value {

    /** Copies the members and checks them against the traits. */
    public Amf3Object {
        Objects.requireNonNull(traits, "traits");
        sealedValues = List.copyOf(sealedValues);
        dynamicMembers = Collections.unmodifiableMap(new LinkedHashMap<>(dynamicMembers));
        if (sealedValues.size() != traits.sealedMemberNames().size()) {
            throw new IllegalArgumentException("sealed values do not match traits: values="
                    + sealedValues.size() + " names=" + traits.sealedMemberNames().size());
        }
        if (!traits.dynamic() && !dynamicMembers.isEmpty()) {
            throw new IllegalArgumentException("dynamic members on sealed traits: className="
                    + traits.className() + " dynamicMembers=" + dynamicMembers.size());
        }
        requireMembers("dynamicMembers", dynamicMembers);
    }

    /** Returns an anonymous dynamic object holding {@code members} in their iteration order. */
    public static Amf3Object anonymous(Map<String, Amf3Value> members) {
        return new Amf3Object(Amf3Traits.ANONYMOUS_DYNAMIC, List.of(), members);
    }

    /**
     * Returns the member named {@code name}: the first sealed member of that name, else the
     * dynamic member, else {@code null}.
     */
    public Amf3Value get(String name) {
        Objects.requireNonNull(name, "name");
        List<String> names = traits.sealedMemberNames();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                return sealedValues.get(i);
            }
        }
        return dynamicMembers.get(name);
    }

    static void requireMembers(String what, Map<String, Amf3Value> members) {
        for (Map.Entry<String, Amf3Value> e : members.entrySet()) {
            Objects.requireNonNull(e.getKey(), what + " name");
            Objects.requireNonNull(e.getValue(), what + " value");
            if (e.getKey().isEmpty()) {
                // SPEC: the empty string ends a member list on the wire, so it cannot be a name.
                throw new IllegalArgumentException("empty member name: part=" + what);
            }
        }
    }
}
