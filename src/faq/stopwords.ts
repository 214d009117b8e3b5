import type { Language } from '../language';

/**
 * Function words and chat filler that say nothing about what the user wants. Generic language only:
 * nothing here may be tuned to the words of a particular FAQ. Folded like the text they are compared with.
 */
export const STOP_WORDS: Record<Language, string> = {
  de: `
    a ab aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bin bis bist
    bitte da dafur damit dann darf das dass dem den denen der des dessen dich die dies diese diesem diesen dieser
    dir doch dort du durch ein eine einem einen einer eines einfach er es etwas euch euer fur gibt gibts habe haben
    hat hatte hallo hier hoi gruezi gruessech ihm ihn ihnen ihr ihre ihrem ihren ihrer im in ins ist ja je jetzt
    kann kannst konnen konnte konnten man mein meine meinem meinen meiner mich mir mit mochte mochten muss mussen
    nach noch nun nur ob oder ohne sehr sein seine sich sie sind so soll sollte uber um und uns unser unter
    viel vom von vor war waren was weil welche welcher welches wenn wer werde werden wie wieso wird wo woher wohin
    wurde wurden zu zum zur danke merci eigentlich mal gerne gern bzw usw etc bitteschon guten tag morgen abend
    grusse freundlichen
    i mi mir min mini dr d s isch han hani cha chan chasch wie wo was wott wetti wotti es em bim uf
    vo mues muess si gaht git gits het hesch hend de dä e en ech öich mer sie vil vill chani mis dis öppis
  `,
  fr: `
    a ai aie as au aux avec avez avoir bonjour bonsoir ca ce ceci cela celle celles celui ces cet cette chez comment
    d dans de des deja dois doit donc du elle elles en est et etre eu faire fait il ils j je l la le les leur leurs
    lui m ma mais me merci mes moi mon n ni nos notre nous on ont ou par peut peux plus pour pourquoi
    pouvez qu quand que quel quelle quelles quels qui s sa salut sans se ses si son sont sur svp t ta te tes toi
    ton tu un une vos votre vous y est-ce etes suis sais voudrais veux voulez aimerais j'ai bien alors
  `,
  it: `
    a ad agli ai al alla alle allo anche avere c ce che chi ci ciao come con cosa d da dal dalla dalle dei del
    della delle dello deve devo di e ecco gli ha hanno ho i il in io l la le lei li lo ma mi mia mie miei mio ne
    nel nella nelle noi o per perche piu posso puo puoi qual quale quali quando quanto questa questo qui
    se sei si sia sono su sua sue sui sul sulla suo suoi ti tra tu un una uno vi voi vorrei grazie buongiorno
    buonasera salve salute prego per favore
  `,
};
