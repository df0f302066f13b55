trigger OpportunityTrigger on Opportunity(before insert, before update) {
  OpportunityHandler.handle(Trigger.operationType, Trigger.new, Trigger.old);
}
