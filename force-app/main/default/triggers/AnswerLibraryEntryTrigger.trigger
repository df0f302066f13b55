trigger AnswerLibraryEntryTrigger on Answer_Library_Entry__c(before insert, before update) {
  AnswerLibraryEntryHandler.handle(Trigger.operationType, Trigger.new, Trigger.old);
}
