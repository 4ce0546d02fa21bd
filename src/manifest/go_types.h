#pragma once
// The Go structs c/image (v5.39, as vendored by skopeo 1.22) and the OCI image-spec decode
// manifests and configs into, described for go_struct.h. Field order, JSON names and omitempty are
// copied from the Go declarations because skopeo's output is their json.Marshal.
#include "manifest/go_struct.h"

namespace periscope::manifest::go {

// opencontainers/image-spec specs-go/v1.
const Struct& oci_platform();    // Platform
const Struct& oci_descriptor();  // Descriptor
const Struct& oci_manifest();    // manifest.OCI1 (embeds v1.Manifest)
const Struct& oci_index();       // manifest.OCI1IndexPublic (embeds v1.Index)
const Struct& oci_image();       // Image: the config `inspect --config` prints

// c/image manifest package, Docker schema 2.
const Struct& schema2_descriptor();  // Schema2Descriptor
const Struct& schema2_manifest();    // Schema2
const Struct& schema2_list();        // Schema2ListPublic
const Struct& schema2_config();      // Schema2Config (container config)
const Struct& schema2_v1_image();    // Schema2V1Image
const Struct& schema2_image();       // Schema2Image: a docker config blob

// Docker schema 1.
const Struct& schema1_manifest();          // Schema1
const Struct& schema1_v1_compatibility();  // Schema1V1Compatibility

}  // namespace periscope::manifest::go
