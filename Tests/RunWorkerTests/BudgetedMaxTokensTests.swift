import ProviderCatalog
import Testing

@testable import RunWorker

@Suite("Budgeted max_tokens")
struct BudgetedMaxTokensTests {
    static let mini = PriceTable.builtIn.price(for: "gpt-4o-mini")!

    @Test func aSmallBudgetLowersTheOutputLimit() {
        // gpt-4o-mini output: $0.60 per 1M tokens → $0.0003 buys 500 tokens.
        #expect(OutputBudget(remainingUSD: 0.0003, price: Self.mini).maxTokens() == 500)
    }

    @Test func aLargeBudgetKeepsTheConfiguredLimit() {
        #expect(OutputBudget(remainingUSD: 10, price: Self.mini).maxTokens(configured: 1000) == 1000)
        #expect(OutputBudget(remainingUSD: 10, price: Self.mini).maxTokens() == OutputBudget.defaultMaxTokens)
    }

    @Test func freeOutputOrNoBudgetChangeNothing() {
        #expect(OutputBudget(remainingUSD: 0.0001, price: .free).maxTokens(configured: 700) == 700)
        #expect(OutputBudget(remainingUSD: Double?.none, chain: [ProviderConfig(name: "openai", kind: .openai, model: "gpt-4o-mini")]) == nil)
    }

    @Test func anExhaustedBudgetStillAsksForAtLeastOneToken() {
        #expect(OutputBudget(remainingUSD: 0, price: Self.mini).maxTokens() == 1)
    }

    @Test func theDearestProviderOfTheChainSetsTheLimit() throws {
        // A fallback may answer the same request: the limit must hold for gpt-4o ($10 per 1M out).
        let chain = [
            ProviderConfig(name: "openai", kind: .openai, model: "gpt-4o-mini"),
            ProviderConfig(name: "backup", kind: .openai, model: "gpt-4o"),
            ProviderConfig(name: "local", kind: .local, model: "local-deterministic"),
        ]
        let budget = try #require(OutputBudget(remainingUSD: 0.001, chain: chain))
        #expect(budget.maxTokens() == 100)
    }

    @Test func reportedUsageComesOffTheBudget() {
        var budget = OutputBudget(remainingUSD: 0.0006, price: Self.mini)
        budget.spend(input: 0, output: 500)  // $0.0003
        #expect(budget.maxTokens() == 500)
    }
}
