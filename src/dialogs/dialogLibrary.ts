// The botbuilder-dialogs classes the bot uses, from their own modules: the package's index also loads its prompts
// and with them the Recognizers-Text grammars, compiling thousands of regular expressions (about half a second of
// every start) for prompts this bot does not use. Types may still come from 'botbuilder-dialogs'.
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
