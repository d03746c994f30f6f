import Testing

@testable import RunWorker

@Suite("Budgeted max_tokens")
struct BudgetedMaxTokensTests {
    @Test func aSmallBudgetLowersTheOutputLimit() {
        // gpt-4o-mini output: $0.60 per 1M tokens → $0.0003 buys 500 tokens.
        #expect(ProviderAgentModel.budgetedMaxTokens(configured: nil, remainingUSD: 0.0003, model: "gpt-4o-mini") == 500)
    }

    @Test func aLargeBudgetKeepsTheConfiguredLimit() {
        #expect(ProviderAgentModel.budgetedMaxTokens(configured: 1000, remainingUSD: 10, model: "gpt-4o-mini") == 1000)
        #expect(ProviderAgentModel.budgetedMaxTokens(configured: nil, remainingUSD: 10, model: "gpt-4o-mini") == ProviderAgentModel.defaultMaxTokens)
    }

    @Test func unknownPricesOrNoBudgetChangeNothing() {
        #expect(ProviderAgentModel.budgetedMaxTokens(configured: 700, remainingUSD: 0.0001, model: "my-own-model") == 700)
        #expect(ProviderAgentModel.budgetedMaxTokens(configured: nil, remainingUSD: nil, model: "gpt-4o-mini") == nil)
    }

    @Test func anExhaustedBudgetStillAsksForAtLeastOneToken() {
        #expect(ProviderAgentModel.budgetedMaxTokens(configured: nil, remainingUSD: 0, model: "gpt-4o-mini") == 1)
    }
}
