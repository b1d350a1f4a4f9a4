// @loomworks/cli — not implemented yet; see the package README for the issue that delivers it.
export {};
