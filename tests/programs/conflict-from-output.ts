/**
 * Test program: two resources managing RootSessions for the same target, whose connection settings are outputs (so
 * the program-time guard decides only once they resolve).
 */
import * as pulumi from "@pulumi/pulumi";
import { OrganizationsFeatures, RootSessions } from "pulumi-aws-root-access";

const region = pulumi.output("us-east-1");
new RootSessions("sessions", { region });
new OrganizationsFeatures("features", { enabledFeatures: ["RootSessions"], region });
