import { expect } from "chai";
import { describePlan, isEmptyPlan, reconcile } from "../../../provider/core/reconcile";
import { ALL_FEATURES } from "../../../provider/core/features";

describe("reconcile", () => {
  it("enables what is desired but not live", () => {
    expect(reconcile(["RootSessions"], [], ALL_FEATURES)).to.deep.equal({ add: ["RootSessions"], remove: [] });
  });

  it("disables what is live but not desired, within the scope", () => {
    expect(reconcile(["RootSessions"], ["RootSessions", "RootCredentialsManagement"], ALL_FEATURES)).to.deep.equal({
      add: [],
      remove: ["RootCredentialsManagement"],
    });
  });

  it("never disables a live feature outside the scope", () => {
    expect(reconcile(["RootSessions"], ["RootCredentialsManagement"], ["RootSessions"])).to.deep.equal({
      add: ["RootSessions"],
      remove: [],
    });
  });

  it("is order-insensitive and returns sorted lists", () => {
    const plan = reconcile(["RootSessions", "RootCredentialsManagement"], [], ALL_FEATURES);
    expect(plan.add).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
    expect(
      isEmptyPlan(
        reconcile(["RootSessions", "RootCredentialsManagement"], ["RootCredentialsManagement", "RootSessions"], ALL_FEATURES),
      ),
    ).to.equal(true);
  });

  it("describes a plan as the calls it will make", () => {
    expect(describePlan({ add: ["RootSessions"], remove: ["RootCredentialsManagement"] })).to.equal(
      "enable RootSessions, disable RootCredentialsManagement",
    );
  });
});
