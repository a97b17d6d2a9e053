// The module's exports are the provider itself, so an installed package is serialized as one require() of this file.
import { dynamicProviderFor } from "../dynamicProvider";

export = dynamicProviderFor("IamTrustedAccess");
