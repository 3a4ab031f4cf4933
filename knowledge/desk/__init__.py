"""The supervision desk (督办): the office's view of tasks, the ledger, the board."""
